using System.Net;
using LoCoPi.Grains.Interfaces;
using LoCoPi.Grains.Interfaces.Watch;
using LoCoPi.Runtime;
using LoCoPi.Web.Auth;
using LoCoPi.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LoCoPi.Web.Tests.Accounts;

/// <summary>
/// Well-formed tokens and login ids naming nothing that exists cost a grain call each, but leave no
/// activation behind: otherwise every guess would hold memory until idle collection (15 minutes).
/// </summary>
public sealed class UnknownIdsTests(SqliteSiloFixture silo) : IClassFixture<SqliteSiloFixture>
{
    private const int Guesses = 30;

    [Fact]
    public async Task Unknown_reader_tokens_account_tokens_and_login_ids_leave_no_activation_behind()
    {
        var town = await Town.CreateAsync(silo);
        var runtime = silo.Services.GetRequiredService<GrainRuntime>();
        int Active(string grainType) => runtime.GetStatistics().ActivationsPerType.GetValueOrDefault(grainType);
        var readersBefore = Active(GrainInterfaces.Reader);
        var accountsBefore = Active(WatchGrainInterfaces.Account);

        for (var i = 0; i < Guesses; i++)
        {
            using var reader = silo.Client(ReaderTokens.Create(town.TenantId, "no-reader-" + i));
            (await reader.PostJsonAsync("/api/v1/touches", new { touchId = "t" + i, cardId = "c1" }))
                .AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
            using var family = silo.Client(AccountTokens.Create(town.TenantId, "no-token-account-" + i));
            (await family.GetJsonAsync("/api/v1/me/alerts")).AssertProblem(HttpStatusCode.Unauthorized, "unauthorized");
            using var anonymous = silo.Client();
            (await anonymous.PostJsonAsync("/api/v1/login", new { tenantId = town.TenantId, accountId = "no-login-account-" + i, password = "a-guessed-password" }))
                .AssertProblem(HttpStatusCode.Unauthorized, "login_failed");
        }

        await WaitUntilAsync(
            () => Active(GrainInterfaces.Reader) <= readersBefore && Active(WatchGrainInterfaces.Account) <= accountsBefore,
            () => $"readers {readersBefore} → {Active(GrainInterfaces.Reader)}, accounts {accountsBefore} → {Active(WatchGrainInterfaces.Account)}");
    }

    private static async Task WaitUntilAsync(Func<bool> condition, Func<string> state)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "activations of unknown ids stayed: " + state());
            await Task.Delay(20);
        }
    }
}
