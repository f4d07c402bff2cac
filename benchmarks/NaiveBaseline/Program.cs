using LoCoPi.NaiveBaseline.Http;
using LoCoPi.NaiveBaseline.Readers;
using LoCoPi.NaiveBaseline.Setup;
using LoCoPi.NaiveBaseline.Storage;
using LoCoPi.NaiveBaseline.Touches;

// What a team would build without actors: a stateless minimal API where every touch is one
// PostgreSQL transaction. It is the "naive" column of docs/benchmarks.md, so it is kept
// correct and reasonably tuned (pooling, prepared statements, source-generated JSON).
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, BaselineJsonContext.Default));
builder.Services.AddSingleton(_ => BaselineDatabase.CreateDataSource(builder.Configuration));
builder.Services.AddSingleton(_ => AdminToken.FromConfiguration(builder.Configuration));
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<ReaderDirectory>();
builder.Services.AddSingleton<TouchTransaction>();

var app = builder.Build();
await BaselineSchema.EnsureAsync(app.Services.GetRequiredService<Npgsql.NpgsqlDataSource>());
app.MapGet("/healthz", () => "ok");
app.MapSetupEndpoint();
app.MapTouchEndpoint();
await app.RunAsync();
