namespace LoCoPi.Web.Errors;

/// <summary>
/// How a problem's detail names the field at fault: in Japanese terms with the JSON name in
/// parentheses for developers (「カードID（cardId）」), and in English as the JSON name. Keys are the
/// subjects endpoints pass — a field name, a JSON path from the parser (<c>$.touches[2].cardId</c>),
/// or a field with a hint — so no English fragment reaches a Japanese detail.
/// </summary>
public static class FieldNames
{
    /// <summary>The whole request body; the subject when nothing more precise is known.</summary>
    public const string Body = "body";

    private static readonly Dictionary<string, (string Japanese, string English)> Terms = new(StringComparer.Ordinal)
    {
        [Body] = ("本文", "body"),
        ["body > 1 MiB"] = ("本文（1 MiB まで）", "body (at most 1 MiB)"),
        ["tenantId"] = ("自治体ID（tenantId）", "tenantId"),
        ["placeId"] = ("施設ID（placeId）", "placeId"),
        ["readerId"] = ("端末ID（readerId）", "readerId"),
        ["residentId"] = ("住民ID（residentId）", "residentId"),
        ["residentIds"] = ("住民IDの一覧（residentIds）", "residentIds"),
        ["cardId"] = ("カードID（cardId）", "cardId"),
        ["touchId"] = ("タッチID（touchId）", "touchId"),
        ["touches"] = ("タッチの一覧（touches）", "touches"),
        ["touches (max 1000)"] = ("タッチの一覧（touches、1,000件まで）", "touches (at most 1,000)"),
        ["at"] = ("タッチ時刻（at）", "at"),
        ["paymentId"] = ("支払いID（paymentId）", "paymentId"),
        ["chargeId"] = ("チャージID（chargeId）", "chargeId"),
        ["grantId"] = ("付与ID（grantId）", "grantId"),
        ["refundId"] = ("払い戻しID（refundId）", "refundId"),
        ["amountYen"] = ("金額（amountYen）", "amountYen"),
        ["expiresOn"] = ("有効期限（expiresOn）", "expiresOn"),
        ["reason"] = ("理由（reason）", "reason"),
        ["reason (business_discontinued, moved_away, death)"] =
            ("理由（reason：business_discontinued、moved_away、death）", "reason (business_discontinued, moved_away, death)"),
        ["name"] = ("名称（name）", "name"),
        ["kind"] = ("種類（kind）", "kind"),
        ["pointsPerVisit"] = ("来訪ポイント（pointsPerVisit）", "pointsPerVisit"),
        ["capacity"] = ("定員（capacity）", "capacity"),
        ["category"] = ("分類（category）", "category"),
        ["timeZone"] = ("タイムゾーン（timeZone）", "timeZone"),
        ["mode"] = ("モード（mode）", "mode"),
        ["displayName"] = ("表示名（displayName）", "displayName"),
        ["birthYear"] = ("生まれ年（birthYear）", "birthYear"),
        ["attributes"] = ("属性（attributes）", "attributes"),
        ["accountId"] = ("アカウントID（accountId）", "accountId"),
        ["accountId (a merchant account)"] = ("アカウントID（accountId、事業者のアカウント）", "accountId (a merchant account)"),
        ["role"] = ("役割（role）", "role"),
        ["password"] = ("パスワード（password）", "password"),
        ["guardianId"] = ("保護者の住民ID（guardianId）", "guardianId"),
        ["childId"] = ("子どもの住民ID（childId）", "childId"),
        ["consentBy"] = ("同意した人（consentBy）", "consentBy"),
        ["consentAt"] = ("同意の日時（consentAt）", "consentAt"),
        ["shopId"] = ("店舗ID（shopId）", "shopId"),
        ["from/to (yyyy-MM-dd, at most 366 days)"] =
            ("期間（from/to：yyyy-MM-dd 形式、366日まで）", "from/to (yyyy-MM-dd, at most 366 days)"),
        ["format (json, csv)"] = ("形式（format：json または csv）", "format (json, csv)"),
        ["date (yyyy-MM-dd)"] = ("日付（date：yyyy-MM-dd 形式）", "date (yyyy-MM-dd)"),
    };

    /// <summary>Every subject with a Japanese term (for the test that reads every detail).</summary>
    public static IReadOnlyCollection<string> Known => Terms.Keys;

    /// <summary>The field as a person reads it in <paramref name="english"/> or Japanese.</summary>
    public static string Describe(string? subject, bool english)
    {
        var key = Normalize(subject);
        if (Terms.TryGetValue(key, out var term))
        {
            return english ? term.English : term.Japanese;
        }

        // A field without a term still says which one, as a code a developer can look up.
        return english ? key : $"項目（{key}）";
    }

    /// <summary><c>$.touches[2].cardId</c> → <c>cardId</c>; <c>$</c> or nothing → the body.</summary>
    private static string Normalize(string? subject)
    {
        if (string.IsNullOrEmpty(subject) || subject == "$")
        {
            return Body;
        }

        if (!subject.StartsWith("$.", StringComparison.Ordinal))
        {
            return subject;
        }

        var last = subject[(subject.LastIndexOf('.') + 1)..];
        var bracket = last.IndexOf('[', StringComparison.Ordinal);
        return bracket > 0 ? last[..bracket] : last;
    }
}
