using LoCoPi.Silo.Hosting;

// One LoCoPi node: storage (SQLite by default, --storage postgres), the grain runtime and grains,
// the edge API and live pages. SIGTERM stops the host, which stops the runtime and flushes writes.
var options = SiloOptions.Parse(args);
var builder = WebApplication.CreateBuilder(options.HostArguments);
builder.AddLoCoPiSilo(options);

var app = builder.Build();
app.UseLoCoPiSilo(options);
await app.RunAsync();
