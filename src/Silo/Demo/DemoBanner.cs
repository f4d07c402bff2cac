namespace LoCoPi.Silo.Demo;

/// <summary>Tells whoever started <c>--demo</c> where to look.</summary>
internal static class DemoBanner
{
    public static void Print(string address, bool adminTokenConfigured, string password, string simulationCommand)
    {
        var root = address.TrimEnd('/');
        var dashboard = root + "/dashboard?tenant=" + DemoTown.TenantId;
        Console.WriteLine();
        Console.WriteLine("==================== LoCoPi デモ / demo ====================");
        Console.WriteLine($" 自治体 {DemoTown.Name} (tenant \"{DemoTown.TenantId}\"): {DemoTown.Places.Count} 施設, {DemoTown.Residents} 人の住民とカード");
        Console.WriteLine($" ダッシュボード / dashboard: {dashboard}");
        Console.WriteLine(adminTokenConfigured
            ? " 管理者トークン / admin token: 環境変数 LOCOPI_ADMIN_TOKEN の値 (the value of LOCOPI_ADMIN_TOKEN)"
            : " 管理者トークン / admin token: 初回起動時に上に表示されたもの。控えがなければ LOCOPI_ADMIN_TOKEN=<任意の文字列> を付けて再起動してください\n"
              + "   (printed above on the first start; if lost, restart with LOCOPI_ADMIN_TOKEN=<any secret>)");
        Console.WriteLine($" ログイン / logins (自治体ID / tenant \"{DemoTown.TenantId}\", パスワード / password \"{password}\"):");
        Console.WriteLine($"   見守り / family page    {root}/family   アカウント {DemoAccounts.FamilyAccount} ({string.Join(", ", DemoAccounts.WatchedResidents)} を見守り)");
        Console.WriteLine($"   マイページ / resident   {root}/me       アカウント {DemoAccounts.ResidentAccount} ({DemoAccounts.WatchedResidents[0]})");
        Console.WriteLine($"   町の窓口 / town desk    {root}/staff    アカウント {DemoAccounts.StaffAccount}");
        Console.WriteLine(" タッチを毎秒数件シミュレートしています (simulating a few touches per second)");
        Console.WriteLine($" カードリーダーを試す / try a reader ({DemoReaderSimulation.PlaceId} の端末 {DemoReaderSimulation.ReaderId}、リポジトリのフォルダで別の端末から / from the repository root, in another terminal):");
        Console.WriteLine("   " + simulationCommand);
        Console.WriteLine("=============================================================");
        Console.WriteLine();
    }
}
