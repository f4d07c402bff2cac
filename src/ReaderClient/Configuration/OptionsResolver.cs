using System.Text.Json;
using LoCoPi.ReaderClient.Card;

namespace LoCoPi.ReaderClient.Configuration;

/// <summary>
/// Merges the three sources of settings: a command-line value wins over <c>LOCOPI_*</c> environment
/// variables, which win over the JSON config file (<c>{"server", "token", "aid", "queue", "mode", "sounds"}</c>).
/// </summary>
internal sealed class OptionsResolver(Func<string, string?> environment)
{
    public const string DefaultQueuePath = "locopi-reader-queue.db";

    public ClientOptions Resolve(CommandLineValues values)
    {
        JsonElement? file = values.ConfigPath is null ? null : ReadConfig(values.ConfigPath);
        string? FromFile(string key) =>
            file is { } f && f.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        var server = values.Server ?? environment("LOCOPI_SERVER") ?? FromFile("server")
            ?? throw new OptionsException("サーバーのURLを --server または LOCOPI_SERVER で指定してください。");
        var token = values.Token ?? environment("LOCOPI_READER_TOKEN") ?? FromFile("token")
            ?? throw new OptionsException("リーダーのトークンを --token または LOCOPI_READER_TOKEN で指定してください。");
        var aid = values.Aid ?? environment("LOCOPI_AID") ?? FromFile("aid") ?? CardApplication.DefaultAid;
        var queue = values.QueuePath ?? environment("LOCOPI_QUEUE") ?? FromFile("queue") ?? DefaultQueuePath;
        var mode = values.Mode ?? FromFile("mode") ?? "visit";
        var sounds = values.SoundDirectory ?? FromFile("sounds");

        if (!Uri.TryCreate(server.EndsWith('/') ? server : server + "/", UriKind.Absolute, out var serverUri)
            || serverUri.Scheme is not ("http" or "https"))
        {
            throw new OptionsException($"サーバーのURLが正しくありません: {server}");
        }

        byte[] aidBytes;
        try
        {
            aidBytes = CardApplication.ParseAid(aid);
        }
        catch (ArgumentException e)
        {
            throw new OptionsException(e.Message);
        }

        return new ClientOptions(serverUri, token, aidBytes, queue, ParseMode(mode), sounds);
    }

    private static TerminalMode ParseMode(string mode) => mode switch
    {
        "visit" or "board" or "alight" or "check_in" or "check_out" => TerminalMode.Touch,
        "pay" => TerminalMode.Pay,
        "charge" => TerminalMode.Charge,
        _ => throw new OptionsException($"モードが正しくありません: {mode}（visit, board, alight, check_in, check_out, pay, charge）"),
    };

    private static JsonElement ReadConfig(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            return document.RootElement.Clone();
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            throw new OptionsException($"設定ファイルを読めません: {path} ({e.Message})");
        }
    }
}

/// <summary>The raw values given on the command line; null when not given.</summary>
internal sealed record CommandLineValues(
    string? Server, string? Token, string? Aid, string? QueuePath, string? Mode, string? ConfigPath, string? SoundDirectory);

/// <summary>The settings cannot start a terminal; the message tells the operator what to fix.</summary>
public sealed class OptionsException : Exception
{
    public OptionsException()
    {
    }

    public OptionsException(string message)
        : base(message)
    {
    }

    public OptionsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
