using System.Text;
using LoCoPi.ReaderClient.Modes;

// The terminal speaks Japanese; a kiosk's locale may not be UTF-8.
Console.OutputEncoding = Encoding.UTF8;
return await ClientCommands.Create(TimeProvider.System).Parse(args).InvokeAsync();
