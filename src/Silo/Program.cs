using LoCoPi.Silo.Hosting;

// One LoCoPi node: storage (SQLite by default, --storage postgres), the grain runtime and grains,
// the edge API and live pages. SIGTERM stops the host, which stops the runtime and flushes writes.
var options = SiloOptions.Parse(args);
// Settings (appsettings.json) come from beside the program, wherever it is started from; data paths
// such as ./data/locopi.db stay relative to the working directory.
var builder = WebApplication.CreateBuilder(
    new WebApplicationOptions { Args = options.HostArguments, ContentRootPath = AppContext.BaseDirectory });
builder.AddLoCoPiSilo(options);

var app = builder.Build();
app.UseLoCoPiSilo(options);
await app.RunAsync();
