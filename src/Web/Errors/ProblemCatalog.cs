using LoCoPi.Grains.Interfaces;
using LoCoPi.Grains.Interfaces.Wallet;

namespace LoCoPi.Web.Errors;

/// <summary>
/// The one table from error code to HTTP status and wording (Japanese first, English on request).
/// Details say what to do next, because the reader is a person at a counter or a terminal.
/// </summary>
public static class ProblemCatalog
{
    public const string InvalidRequest = "invalid_request";
    public const string Unauthorized = "unauthorized";
    public const string Forbidden = "forbidden";
    public const string LoginFailed = "login_failed";
    public const string TooManyAttempts = "too_many_attempts";
    public const string TooManyRequests = "too_many_requests";
    public const string UnknownAccount = "unknown_account";
    public const string ResidentNotLinked = "resident_not_linked";
    public const string NotFound = "not_found";
    public const string Overloaded = "overloaded";
    public const string InternalError = "internal_error";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string UnsupportedMediaType = "unsupported_media_type";

    /// <summary>API.md: a <c>cardId</c> shaped like the 12-digit individual number; never echoed.</summary>
    public const string IndividualNumberRefused = "individual_number_refused";

    /// <summary>
    /// A touch's <c>at</c> outside the upload window. Answered with the code <c>invalid_request</c>,
    /// with a detail that states the 7-day rule, so the person can tell what time would be taken.
    /// </summary>
    public const string TouchTimeOutOfWindow = "touch_time_out_of_window";

    /// <summary>A required field left out of a body: code <c>invalid_request</c>, a detail that names the field.</summary>
    public const string MissingField = "missing_field";

    /// <summary>
    /// A place that exists but is not a shelter, asked for as one. Answered with the code
    /// <c>unknown_place</c> (API.md), but with a detail that says why.
    /// </summary>
    public const string NotAShelter = "not_a_shelter";

    private static readonly Dictionary<string, Entry> Entries = new(StringComparer.Ordinal)
    {
        [InvalidRequest] = new(400, "リクエストが正しくありません", "Invalid request",
            "{0}が正しくありません。内容を確認して送り直してください。",
            "The request is not valid ({0}). Check it and send it again.",
            SubjectIsField: true),
        [MissingField] = new(400, "リクエストが正しくありません", "Invalid request",
            "{0}がありません。この項目を入れて送り直してください。",
            "The request has no {0}. Add it and send the request again.",
            Code: InvalidRequest, SubjectIsField: true),
        [TouchTimeOutOfWindow] = new(400, "タッチ時刻が受付期間の外です", "Touch time outside the upload window",
            "タッチ時刻（at）は7日以内、かつ未来でない時刻にしてください（端末の時計のずれは5分まで認めます）。端末の時計を確かめてください。",
            "The touch time (at) must be within the last 7 days and not in the future (up to 5 minutes of clock difference is allowed). Check the reader's clock.",
            Code: InvalidRequest),
        [IndividualNumberRefused] = new(400, "個人番号は使えません", "Individual number refused",
            "カードID（cardId）が個人番号（12桁のマイナンバー）の形をしているため、受け付けませんでした。個人番号は送らず、カードに書き込んだサービスIDを使ってください。",
            "The card id has the shape of a 12-digit individual number (My Number), so it was refused. Never send the individual number; use the service id written on the card."),
        [MethodNotAllowed] = new(405, "この操作はできません", "Method not allowed",
            "このURLではこのHTTPメソッドは使えません。使えるメソッドは応答の許可ヘッダー（Allow）にあります。APIの説明も確かめてください。",
            "This URL does not take this HTTP method. Use a method listed in the Allow header (see the API description)."),
        [UnsupportedMediaType] = new(415, "本文の形式が違います", "Unsupported media type",
            "本文はJSON形式で送り、本文の種類（Content-Type: application/json）を付けてください。",
            "Send the body as JSON with the Content-Type header set to application/json."),
        [Unauthorized] = new(401, "認証されていません", "Unauthorized",
            "認証トークンがないか、正しくありません。有効なトークンを認証ヘッダー（Authorization）で送ってください。",
            "The bearer token is missing or not valid. Send a valid token in the Authorization header."),
        [Forbidden] = new(403, "権限がありません", "Forbidden",
            "このトークンではこの操作はできません。権限のあるトークンを使ってください。",
            "This token may not perform this operation. Use a token with the right role and tenant."),
        [LoginFailed] = new(401, "ログインできません", "Login failed",
            "ログインできませんでした。自治体ID・アカウントID・パスワードを確かめて、もう一度お試しください。",
            "Login failed. Check the tenant, account and password and try again."),
        [TooManyAttempts] = new(429, "ログインの試行回数が多すぎます", "Too many login attempts",
            "パスワードの誤りが続いたため、このアカウントのログインを一時的に止めています。{0}分ほど待ってからもう一度お試しいただくか、パスワードがわからない場合は役場の窓口にお問い合わせください。",
            "The password was wrong too many times, so logins to this account are paused for now. Try again in about {0} minutes, or ask at the town office if you do not know the password."),
        [TooManyRequests] = new(429, "リクエストが多すぎます", "Too many requests",
            "お使いの接続元からのリクエストが多すぎるため、しばらく受け付けを止めています。{0}秒ほど待ってから、もう一度お試しください。",
            "Too many requests came from your address, so they are refused for a while. Try again in about {0} seconds."),
        [UnknownAccount] = new(404, "未登録のアカウント", "Unknown account",
            "アカウントが登録されていません。先にアカウントを登録してください。",
            "The account is not registered. Register the account first."),
        [DomainErrors.WrongMode] = new(403, "端末のモードが違います", "Wrong reader mode",
            "この端末のモードではこの操作はできません。端末の設定を確認してください。",
            "This reader's mode does not allow this operation. Check the reader's configuration."),
        [DomainErrors.UnknownTenant] = new(404, "未登録の自治体", "Unknown tenant",
            "自治体が登録されていません。先に自治体を登録してください。",
            "The tenant is not registered. Register the tenant first."),
        [DomainErrors.UnknownPlace] = new(404, "未登録の施設", "Unknown place",
            "施設が登録されていません。先に施設を登録してください。",
            "The place is not registered. Register the place first."),
        [NotAShelter] = new(404, "避難所ではありません", "Not a shelter",
            "この施設（{0}）は避難所として登録されていません。避難所の施設IDを指定するか、施設の種類（kind）を避難所（shelter）にしてください。",
            "This place ({0}) is not registered as a shelter. Use a shelter's place id, or define the place with kind shelter.",
            Code: DomainErrors.UnknownPlace),
        [DomainErrors.UnknownResident] = new(404, "未登録の住民", "Unknown resident",
            "住民が登録されていません。先に住民を登録してください。",
            "The resident is not registered. Register the resident first."),
        [DomainErrors.UnknownCard] = new(404, "未登録のカード", "Unknown card",
            "このカードは登録されていません。窓口で利用登録をしてください。",
            "This card is not registered. Please register it at the service counter."),
        [DomainErrors.CardSuspended] = new(409, "利用停止中のカード", "Card suspended",
            "このカードは利用停止中です。窓口にお問い合わせください。",
            "This card is suspended. Please ask at the service counter."),
        [DomainErrors.CardAlreadyLinked] = new(409, "登録済みのカード", "Card already linked",
            "このカードは別の住民に登録済みです。カードIDを確認してください。",
            "This card is already linked to another resident. Check the card id."),
        [DomainErrors.IdempotencyConflict] = new(409, "IDの重複", "Idempotency conflict",
            "同じIDで内容の異なるリクエストが既に処理されています。新しいIDで送ってください。",
            "A different request with the same id was already processed. Send it with a new id."),
        [WalletErrors.InsufficientFunds] = new(402, "残高不足", "Insufficient funds",
            "残高が足りません。チャージしてからもう一度お支払いください。",
            "The balance is not enough for this payment. Charge the card and pay again."),
        [WalletErrors.BalanceCap] = new(422, "残高上限超過", "Balance cap exceeded",
            "チャージ後の残高が上限の50,000円を超えます。金額を減らしてください。",
            "After this charge the balance would exceed the ¥50,000 limit. Charge a smaller amount."),
        [WalletErrors.ChargeUnit] = new(422, "チャージ単位の誤り", "Charge unit",
            "チャージは1,000円単位です。1,000円単位の金額にしてください。",
            "Charges are taken in units of ¥1,000. Use a multiple of ¥1,000."),
        [WalletErrors.RefundExceedsPaid] = new(422, "払い戻し額の超過", "Refund exceeds paid value",
            "払い戻しできるのはチャージした残高（付与分を除く）までです。金額を確かめてください。",
            "Only charged value (not granted value) can be refunded, and no more than the wallet holds. Check the amount."),
        [ResidentNotLinked] = new(404, "住民情報が未登録", "Not linked to a resident",
            "このアカウントには、まだ住民の情報が結び付けられていません。お手数ですが、町役場の窓口にお問い合わせください。",
            "This account is not linked to a resident yet. Please ask at the town office."),
        [NotFound] = new(404, "見つかりません", "Not found",
            "このURLには何もありません。APIの説明を確認してください。",
            "Nothing is at this URL. Check the API description."),
        [Overloaded] = new(503, "混雑中", "Overloaded",
            "混み合っています。少し待ってから送り直してください。",
            "The service is busy. Wait a moment and send the request again."),
        [InternalError] = new(500, "サーバーエラー", "Internal error",
            "サーバーでエラーが発生しました。時間をおいて送り直してください。",
            "The server failed to process the request. Try again later."),
    };

    /// <summary>Builds the problem for <paramref name="code"/>; <paramref name="subject"/> fills the detail's placeholder.</summary>
    public static ApiProblem Create(string code, bool english, string? subject = null, int? statusOverride = null)
    {
        if (!Entries.TryGetValue(code, out var entry))
        {
            entry = Entries[InternalError];
        }

        var template = english ? entry.English : entry.Japanese;
        var filler = entry.SubjectIsField ? FieldNames.Describe(subject, english) : subject ?? "";
        var detail = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, filler);
        var status = statusOverride ?? entry.Status;
        var title = english ? entry.EnglishTitle : entry.JapaneseTitle;
        var wireCode = entry.Code ?? code;
        return new ApiProblem("https://locopi.example/problems/" + wireCode.Replace('_', '-'), title, status, detail, wireCode);
    }

    public static int StatusOf(string code) => Entries.TryGetValue(code, out var e) ? e.Status : 500;

    /// <summary>Every entry's key, so a test can read every wording in both languages.</summary>
    public static IReadOnlyCollection<string> Keys => Entries.Keys;

    /// <summary>
    /// A catalog entry; <paramref name="Code"/> is the code sent when it differs from the entry's key;
    /// <paramref name="SubjectIsField"/> says the placeholder names a request field (see <see cref="FieldNames"/>).
    /// </summary>
    private sealed record Entry(
        int Status, string JapaneseTitle, string EnglishTitle, string Japanese, string English, string? Code = null, bool SubjectIsField = false);
}
