using System.Security.Cryptography;
using System.Text.Json;
using LoCoPi.NaiveBaseline.Http;
using LoCoPi.NaiveBaseline.Readers;
using Npgsql;

namespace LoCoPi.NaiveBaseline.Setup;

/// <summary>
/// <c>POST /api/v1/benchmark/setup</c> (admin token): upserts the tenant, places, residents and
/// cards, and issues a new token to every reader, as the Silo's reader registration does.
/// Residents keep their points across calls, so running setup again is harmless.
/// </summary>
internal static class SetupEndpoint
{
    public static void MapSetupEndpoint(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/v1/benchmark/setup", SetupAsync);

    private static async Task<IResult> SetupAsync(HttpContext http, AdminToken admin, NpgsqlDataSource dataSource, ReaderDirectory readers)
    {
        if (!admin.Matches(http.Request))
        {
            return Problem.Unauthorized();
        }
        SetupRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync(http.Request.Body, BaselineJsonContext.Default.SetupRequest, http.RequestAborted);
        }
        catch (JsonException exception)
        {
            return Problem.Invalid(exception.Message);
        }
        if (request is null || request.Places.Count == 0)
        {
            return Problem.Invalid("tenantId and at least one place are required.");
        }

        var issued = request.Readers.Select(r => new IssuedReaderToken(r.ReaderId, NewToken())).ToList();
        await using var connection = await dataSource.OpenConnectionAsync(http.RequestAborted);
        await using var transaction = await connection.BeginTransactionAsync(http.RequestAborted);
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                Command("""
                    INSERT INTO naive.tenants VALUES ($1, $2)
                    ON CONFLICT (tenant_id) DO UPDATE SET time_zone = EXCLUDED.time_zone
                    """, request.TenantId, request.TimeZone ?? "Asia/Tokyo"),
                Command("""
                    INSERT INTO naive.places SELECT $1, unnest($2::text[]), unnest($3::bigint[])
                    ON CONFLICT (tenant_id, place_id) DO UPDATE SET points_per_visit = EXCLUDED.points_per_visit
                    """, request.TenantId, request.Places.Select(p => p.PlaceId).ToArray(), request.Places.Select(p => p.PointsPerVisit).ToArray()),
                Command("""
                    INSERT INTO naive.residents (tenant_id, resident_id) SELECT $1, unnest($2::text[])
                    ON CONFLICT DO NOTHING
                    """, request.TenantId, request.Residents.Select(r => r.ResidentId).ToArray()),
                Command("""
                    INSERT INTO naive.cards (tenant_id, card_id, resident_id) SELECT $1, unnest($2::text[]), unnest($3::text[])
                    ON CONFLICT (tenant_id, card_id) DO UPDATE SET resident_id = EXCLUDED.resident_id, status = 'active'
                    """, request.TenantId, request.Residents.Select(r => r.CardId).ToArray(), request.Residents.Select(r => r.ResidentId).ToArray()),
                Command("""
                    INSERT INTO naive.readers SELECT $1, unnest($2::text[]), unnest($3::text[]), unnest($4::text[]), unnest($5::text[])
                    ON CONFLICT (tenant_id, reader_id) DO UPDATE SET place_id = EXCLUDED.place_id, mode = EXCLUDED.mode, token = EXCLUDED.token
                    """, request.TenantId, request.Readers.Select(r => r.ReaderId).ToArray(), request.Readers.Select(r => r.PlaceId).ToArray(),
                    request.Readers.Select(r => r.Mode ?? "visit").ToArray(), issued.Select(i => i.Token).ToArray()),
            },
        };
        await batch.ExecuteNonQueryAsync(http.RequestAborted);
        await transaction.CommitAsync(http.RequestAborted);
        readers.Forget();
        return Results.Json(new SetupResponse(issued), BaselineJsonContext.Default.SetupResponse);
    }

    private static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }
        return command;
    }
}
