namespace LoCoPi.Web.Errors;

/// <summary>The RFC 9457 body of every error, with the machine <see cref="Code"/> clients switch on.</summary>
public sealed record ApiProblem(string Type, string Title, int Status, string Detail, string Code);
