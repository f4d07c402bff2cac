namespace LoCoPi.ReaderClient.Feedback;

/// <summary>Every sentence the terminal says to people, in one place (Japanese first).</summary>
internal static class Messages
{
    public const string Ready = "カードをタッチしてください";
    public const string NoReader = "カードリーダーが見つかりません。接続してください";
    public const string ServiceDown = "カードリーダーのサービスに接続できません。再接続しています…";
    public const string CardRemoved = "カードが離れました。もう一度タッチしてください";
    public const string NotRegistered = "登録されていないカードです";
    public const string Unreadable = "カードを読み取れませんでした。もう一度タッチしてください";
    public const string Suspended = "このカードは利用停止中です";
    public const string RepeatVisit = "本日は来館済みです";
    public const string Offline = "オフラインで受け付けました";
    public const string PaymentOffline = "サーバーに接続できません。決済は完了していません";
    public const string InsufficientFunds = "残高が不足しています";
    public const string IndividualNumberRefused = "個人番号の形をした番号は使えません。窓口にお問い合わせください";
    public const string AskPayment = "お支払い金額（円）を入力してください";
    public const string AskCharge = "チャージ金額（円）を入力してください";

    public static string Points(long awarded, long balance) => $"ポイント +{awarded}pt（残高 {balance}pt）";

    public static string Paid(long amount, long balance, long points) => $"{amount:N0}円 お支払いしました（残高 {balance:N0}円、+{points}pt）";

    public static string Charged(long amount, long balance) => $"{amount:N0}円 チャージしました（残高 {balance:N0}円）";

    public static string Uploaded(int count, int remaining) => $"未送信のタッチ {count} 件を送信しました（残り {remaining} 件）";
}
