using LoCoPi.Web.Auth;
using LoCoPi.Web.Wallet;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers and maps the wallet: payments and charges (readers), grants, refunds, reports and settlements (admin).</summary>
public static class WalletEdgeExtensions
{
    public static IServiceCollection AddWalletEdge(this IServiceCollection services)
    {
        services.AddSingleton<MoneyProcessor>();
        services.AddSingleton<LedgerCatchUp>();
        services.AddHostedService<GrantSweepScheduler>();
        return services;
    }

    public static IEndpointRouteBuilder MapWalletEdge(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1");
        api.MapGroup("").RequireAuthorization(LoCoPiPolicies.Reader)
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .MapPaymentEndpoints();
        api.MapGroup("").RequireAuthorization(LoCoPiPolicies.Admin)
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404)
            .MapGrantEndpoints().MapRefundEndpoints().MapLedgerEndpoints().MapMerchantAccountEndpoints();
        api.MapGroup("").RequireAuthorization(LoCoPiPolicies.MerchantOrAdmin)
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404)
            .MapSettlementEndpoints();
        return endpoints;
    }
}
