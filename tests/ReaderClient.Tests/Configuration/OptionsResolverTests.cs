using LoCoPi.ReaderClient.Card;
using LoCoPi.ReaderClient.Configuration;

namespace LoCoPi.ReaderClient.Tests.Configuration;

public sealed class OptionsResolverTests : IDisposable
{
    private readonly string _config = Path.GetTempFileName();

    public void Dispose() => File.Delete(_config);

    private static CommandLineValues Values(string? server = null, string? token = null, string? config = null, string? mode = null, string? aid = null) =>
        new(server, token, aid, null, mode, config, null);

    [Fact]
    public void Arguments_win_over_environment_which_wins_over_the_config_file()
    {
        File.WriteAllText(_config, """{"server":"http://file:1","token":"file-token","aid":"F0000000000001","mode":"pay","queue":"/tmp/q.db"}""");
        var env = new Dictionary<string, string> { ["LOCOPI_SERVER"] = "http://env:2", ["LOCOPI_READER_TOKEN"] = "env-token" };
        var resolver = new OptionsResolver(name => env.GetValueOrDefault(name));

        var options = resolver.Resolve(Values(server: "http://arg:3", config: _config));

        Assert.Equal(new Uri("http://arg:3/"), options.Server);
        Assert.Equal("env-token", options.Token);
        Assert.Equal(Convert.FromHexString("F0000000000001"), options.Aid);
        Assert.Equal(TerminalMode.Pay, options.Mode);
        Assert.Equal("/tmp/q.db", options.QueuePath);
    }

    [Fact]
    public void Defaults_are_a_visit_terminal_with_our_AID()
    {
        var options = new OptionsResolver(_ => null).Resolve(Values(server: "http://s", token: "t"));

        Assert.Equal(TerminalMode.Touch, options.Mode);
        Assert.Equal(Convert.FromHexString(CardApplication.DefaultAid), options.Aid);
    }

    [Theory]
    [InlineData(null, "t", null, null)]
    [InlineData("http://s", null, null, null)]
    [InlineData("ftp://s", "t", null, null)]
    [InlineData("http://s", "t", "refund", null)]
    [InlineData("http://s", "t", null, "D3921000310001010408")]
    public void Missing_or_wrong_settings_are_refused_with_a_message(string? server, string? token, string? mode, string? aid)
    {
        var error = Assert.Throws<OptionsException>(() => new OptionsResolver(_ => null).Resolve(Values(server, token, mode: mode, aid: aid)));
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }
}
