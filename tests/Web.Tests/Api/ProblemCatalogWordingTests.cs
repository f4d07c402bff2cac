using System.Text.RegularExpressions;
using LoCoPi.Web.Errors;
using Xunit;

namespace LoCoPi.Web.Tests.Api;

/// <summary>
/// Every entry of the error catalog, in both languages: the Japanese says it in Japanese (no English
/// words outside the parentheses that name fields and codes for developers), the English has no
/// Japanese, and the status is the one API.md gives the code.
/// </summary>
public sealed partial class ProblemCatalogWordingTests
{
    /// <summary>The statuses API.md fixes; a code not named there still needs a 4xx or 5xx.</summary>
    private static readonly Dictionary<string, int> Documented = new(StringComparer.Ordinal)
    {
        ["invalid_request"] = 400,
        ["individual_number_refused"] = 400,
        ["unauthorized"] = 401,
        ["insufficient_funds"] = 402,
        ["forbidden"] = 403,
        ["wrong_mode"] = 403,
        ["unknown_tenant"] = 404,
        ["unknown_place"] = 404,
        ["unknown_card"] = 404,
        ["method_not_allowed"] = 405,
        ["card_suspended"] = 409,
        ["idempotency_conflict"] = 409,
        ["unsupported_media_type"] = 415,
        ["charge_unit"] = 422,
        ["balance_cap"] = 422,
        ["too_many_requests"] = 429,
    };

    /// <summary>Technical acronyms a Japanese sentence may use as they are.</summary>
    private static readonly HashSet<string> Acronyms = new(StringComparer.Ordinal) { "ID", "URL", "API", "JSON", "HTTP" };

    public static TheoryData<string> Entries() => [.. ProblemCatalog.Keys];

    [Fact]
    public void The_catalog_has_the_codes_API_md_lists_for_every_endpoint()
    {
        var wireCodes = ProblemCatalog.Keys.Select(k => ProblemCatalog.Create(k, english: false).Code).ToHashSet();
        foreach (var code in new[] { "unknown_tenant", "method_not_allowed", "unsupported_media_type", "individual_number_refused" })
        {
            Assert.Contains(code, wireCodes);
        }
    }

    [Theory]
    [MemberData(nameof(Entries))]
    public void Every_problem_reads_in_Japanese_and_in_English_with_the_status_of_its_code(string key)
    {
        foreach (var subject in SubjectsFor(key))
        {
            var japanese = ProblemCatalog.Create(key, english: false, subject);
            var english = ProblemCatalog.Create(key, english: true, subject);
            var context = $"{key} with subject '{subject}'";

            Assert.Equal(japanese.Code, english.Code);
            Assert.Equal(japanese.Status, english.Status);
            Assert.Equal(ProblemCatalog.StatusOf(key), japanese.Status);
            Assert.InRange(japanese.Status, 400, 599);
            if (Documented.TryGetValue(japanese.Code, out var status))
            {
                Assert.True(status == japanese.Status, $"{context}: status {japanese.Status}, API.md says {status}");
            }

            AssertJapanese(japanese.Title, context);
            AssertJapanese(japanese.Detail, context);
            AssertEnglish(english.Title, context);
            AssertEnglish(english.Detail, context);
        }
    }

    [Fact]
    public void The_check_itself_notices_English_in_a_Japanese_detail()
    {
        Assert.ThrowsAny<Exception>(() => AssertJapanese("リクエストの内容が正しくありません（body）。Check it", "self-test"));
        Assert.ThrowsAny<Exception>(() => AssertJapanese("本文 body が正しくありません", "self-test"));
        Assert.ThrowsAny<Exception>(() => AssertEnglish("The request is not valid (本文).", "self-test"));
    }

    /// <summary>
    /// The subjects a detail is built with: none, a number; and for entries that name a field, every
    /// field the endpoints name, a parser path, and a field without a Japanese term.
    /// </summary>
    private static IEnumerable<string?> SubjectsFor(string key)
    {
        yield return null;
        yield return "15";
        var namesFields = ProblemCatalog.Create(key, english: false, "cardId").Detail.Contains("カードID", StringComparison.Ordinal);
        if (namesFields)
        {
            foreach (var field in FieldNames.Known.Append("$.touches[3].cardId").Append("$").Append("someNewField"))
            {
                yield return field;
            }
        }
    }

    private static void AssertJapanese(string text, string context)
    {
        Assert.True(JapaneseCharacter().IsMatch(text), $"{context}: no Japanese in 「{text}」");
        var outsideParentheses = text;
        while (Parenthesised().IsMatch(outsideParentheses))
        {
            outsideParentheses = Parenthesised().Replace(outsideParentheses, "");
        }

        var english = AsciiWord().Matches(outsideParentheses).Select(m => m.Value).Where(w => !Acronyms.Contains(w)).ToList();
        Assert.True(english.Count == 0, $"{context}: English outside parentheses ({string.Join(", ", english)}) in 「{text}」");
    }

    private static void AssertEnglish(string text, string context)
    {
        Assert.False(string.IsNullOrWhiteSpace(text), $"{context}: empty English");
        Assert.False(JapaneseCharacter().IsMatch(text), $"{context}: Japanese in \"{text}\"");
    }

    [GeneratedRegex(@"[\u3000-\u30FF\u4E00-\u9FFF\uFF00-\uFFEF]")]
    private static partial Regex JapaneseCharacter();

    [GeneratedRegex(@"（[^（）]*）|\([^()]*\)")]
    private static partial Regex Parenthesised();

    [GeneratedRegex("[A-Za-z]+")]
    private static partial Regex AsciiWord();
}
