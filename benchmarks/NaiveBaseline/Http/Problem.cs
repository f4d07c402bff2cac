namespace LoCoPi.NaiveBaseline.Http;

/// <summary>RFC 9457 body with the machine <c>code</c> API.md asks for.</summary>
internal sealed record ProblemBody(int Status, string Title, string Detail, string Code);

internal static class Problem
{
    public static IResult Of(int status, string code, string detail) =>
        Results.Json(
            new ProblemBody(status, code.Replace('_', ' '), detail, code),
            BaselineJsonContext.Default.ProblemBody,
            contentType: "application/problem+json",
            statusCode: status);

    public static IResult Invalid(string detail) => Of(StatusCodes.Status400BadRequest, "invalid_request", detail);

    public static IResult Unauthorized() => Of(StatusCodes.Status401Unauthorized, "unauthorized", "リーダーのトークンが必要です。");
}
