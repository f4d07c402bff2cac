namespace LoCoPi.Silo.Demo;

/// <summary>Tells whoever started <c>--demo</c> where to look.</summary>
internal static class DemoBanner
{
    public static void Print(string address)
    {
        var dashboard = address.TrimEnd('/') + "/dashboard?tenant=" + DemoTown.TenantId;
        Console.WriteLine();
        Console.WriteLine("==================== LoCoPi デモ / demo ====================");
        Console.WriteLine($" 自治体 {DemoTown.Name} (tenant \"{DemoTown.TenantId}\"): {DemoTown.Places.Count} 施設, {DemoTown.Residents} 人の住民とカード");
        Console.WriteLine($" ダッシュボード / dashboard: {dashboard}");
        Console.WriteLine(Environment.GetEnvironmentVariable("LOCOPI_ADMIN_TOKEN") is { Length: > 0 }
            ? " 管理者トークン / admin token: 環境変数 LOCOPI_ADMIN_TOKEN の値 (the value of LOCOPI_ADMIN_TOKEN)"
            : " 管理者トークン / admin token: 初回起動時に表示されたもの (printed above on first start)");
        Console.WriteLine(" タッチを毎秒数件シミュレートしています (simulating a few touches per second)");
        Console.WriteLine("=============================================================");
        Console.WriteLine();
    }
}
