using System.CommandLine;
using LoCoPi.ReaderClient.Card;
using LoCoPi.ReaderClient.Configuration;
using LoCoPi.ReaderClient.Feedback;
using LoCoPi.ReaderClient.Pcsc;
using Spectre.Console;

namespace LoCoPi.ReaderClient.Modes;

/// <summary>The command line: <c>pcsc</c> and <c>simulate</c>, with the options every terminal shares.</summary>
internal static class ClientCommands
{
    private static readonly Option<string?> s_server = new("--server") { Description = "サーバーのURL（LOCOPI_SERVER）", Recursive = true };
    private static readonly Option<string?> s_token = new("--token") { Description = "リーダーのトークン（LOCOPI_READER_TOKEN）", Recursive = true };
    private static readonly Option<string?> s_aid = new("--aid") { Description = $"カードAPのAID（LOCOPI_AID、既定 {CardApplication.DefaultAid}）", Recursive = true };
    private static readonly Option<string?> s_queue = new("--queue") { Description = "オフラインキューのSQLiteファイル", Recursive = true };
    private static readonly Option<string?> s_mode = new("--mode") { Description = "端末のモード: visit（既定）, board, alight, check_in, check_out, pay, charge", Recursive = true };
    private static readonly Option<string?> s_config = new("--config") { Description = "JSON設定ファイル", Recursive = true };
    private static readonly Option<string?> s_sounds = new("--sounds") { Description = "success.wav, warning.wav, error.wav のあるフォルダ（aplayで再生）", Recursive = true };
    private static readonly Option<string?> s_reader = new("--reader") { Description = "使うリーダーの名前（省略時はすべて）" };
    private static readonly Option<string?> s_cards = new("--cards") { Description = "タッチするカードIDのファイル（1行に1件）" };
    private static readonly Option<int?> s_count = new("--count") { Description = "タッチの回数（省略時はファイルの行数、ファイルもなければ無限）" };
    private static readonly Option<double> s_rate = new("--rate") { Description = "1秒あたりのタッチ数", DefaultValueFactory = _ => 1 };
    private static readonly Option<bool> s_withSound = new("--with-sound") { Description = "シミュレーションでも音を鳴らします（既定は無音）" };
    private static readonly Option<int> s_seed = new("--seed") { Description = "ランダムなカードIDの種", DefaultValueFactory = _ => 1 };

    public static RootCommand Create(TimeProvider time)
    {
        var pcsc = new Command("pcsc", "PC/SCのカードリーダーでタッチを受け付けます") { s_reader };
        pcsc.SetAction((result, token) => RunAsync(result, time, silent: false, feedback =>
            new PcscCardSource(new CardReaderLoop(result.GetValue(s_reader), new ServiceIdReader(Options(result).Aid), feedback, time)), token));

        var simulate = new Command("simulate", "スクリプトやランダムなタッチを送ります（デモ・負荷試験用）") { s_cards, s_count, s_rate, s_seed, s_withSound };
        simulate.SetAction((result, token) => RunAsync(result, time, silent: !result.GetValue(s_withSound), feedback =>
        {
            var path = result.GetValue(s_cards);
            return new SimulatedCardSource(path is null ? null : SimulatedCardSource.ReadScript(path), result.GetValue(s_count),
                result.GetValue(s_rate), new Random(result.GetValue(s_seed)), feedback, time);
        }, token));

        return new RootCommand("LoCoPi カードリーダー端末") { s_server, s_token, s_aid, s_queue, s_mode, s_config, s_sounds, pcsc, simulate };
    }

    private static ClientOptions Options(ParseResult result) =>
        new OptionsResolver(Environment.GetEnvironmentVariable).Resolve(new CommandLineValues(
            result.GetValue(s_server), result.GetValue(s_token), result.GetValue(s_aid), result.GetValue(s_queue),
            result.GetValue(s_mode), result.GetValue(s_config), result.GetValue(s_sounds)));

    private static async Task<int> RunAsync(ParseResult result, TimeProvider time, bool silent, Func<IFeedback, ICardSource> source, CancellationToken cancellationToken)
    {
        ClientOptions options;
        try
        {
            options = Options(result);
        }
        catch (OptionsException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }

        ISound bell = new BellSound(Console.Out, time);
        var sound = silent ? new SilentSound() : options.SoundDirectory is not null && WavSound.AplayAvailable() ? new WavSound(options.SoundDirectory, bell) : bell;
        var feedback = new ConsoleFeedback(AnsiConsole.Console, sound, time);
        return await TerminalHost.RunAsync(options, source, feedback, time, cancellationToken);
    }
}
