using LoCoPi.Grains.Interfaces;
using LoCoPi.Grains.Interfaces.Accounts;
using LoCoPi.Grains.Interfaces.Residents;
using LoCoPi.Runtime;
using LoCoPi.Web.Admin;
using LoCoPi.Web.Errors;
using LoCoPi.Web.Json;
using LoCoPi.Web.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LoCoPi.Web.Accounts;

/// <summary><c>POST /api/v1/tenants/{t}/accounts</c> (admin): creates or replaces a login account.</summary>
public static class AccountEndpoints
{
    public static RouteGroupBuilder MapAccountEndpoints(this RouteGroupBuilder admin)
    {
        admin.MapPost("/tenants/{tenantId}/accounts", PostAsync)
            .Accepts<AccountRequest>("application/json", EndpointContentTypes.Any)
            .Produces<AccountResponse>(201).Produces<AccountResponse>(200);
        return admin;
    }

    private static async Task<IResult> PostAsync(
        string tenantId, HttpContext context, IGrainFactory grains, AccountPasswords passwords)
    {
        if (await TenantEndpoints.CheckTenantAsync(tenantId, context, grains) is { } tenantProblem)
        {
            return tenantProblem;
        }

        var (body, problem) = await JsonBody.ReadAsync(context, AccountsJsonContext.Web.AccountRequest);
        if (body is null)
        {
            return problem!;
        }

        var invalid = !Identifiers.IsValid(body.AccountId) ? "accountId"
            : !AccountRoles.All.Contains(body.Role) ? "role"
            : !TextFields.IsValid(body.DisplayName) ? "displayName"
            : !AccountPasswords.IsAcceptable(body.Password) ? "password"
            : body.ResidentId is { } r && (body.Role != AccountRoles.Resident || !Identifiers.IsValid(r)) ? "residentId"
            : null;
        if (invalid is not null)
        {
            return Problems.Invalid(context, invalid);
        }

        // The link is what the resident's page reads by, so it must name a resident of this tenant.
        if (body.ResidentId is { } residentId
            && await grains.GetGrain<IResidentGrain>(tenantId, residentId).GetAsync() is null)
        {
            return Problems.Result(context, DomainErrors.UnknownResident);
        }

        var reply = await grains.GetGrain<IAccountGrain>(tenantId, body.AccountId)
            .DefineAsync(new AccountDefinition(body.Role, body.DisplayName, passwords.Hash(body.Password), body.ResidentId));
        return Results.Json(
            new AccountResponse(tenantId, body.AccountId, body.Role, body.DisplayName, body.ResidentId),
            AccountsJsonContext.Web.AccountResponse, statusCode: reply.Created ? 201 : 200);
    }
}
