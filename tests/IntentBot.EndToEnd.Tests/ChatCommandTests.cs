using IntentBot.Cli;

namespace IntentBot.EndToEnd.Tests;

/// <summary>`intentbot chat` against the real server over loopback: token from the server, Direct Line, the real agent.</summary>
[Collection(EndToEndGroup.Name)]
public sealed class ChatCommandTests(EndToEnd endToEnd, Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task Chat_gets_a_token_starts_a_conversation_and_prints_the_bots_replies()
    {
        var stdin = new StringReader("Where is my order?\nW100001\n");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await CommandLine.RunAsync(["chat", "--url", endToEnd.Server.BaseAddress.ToString(), "--echo"], stdin, stdout, stderr);

        var transcript = stdout.ToString();
        output.WriteLine(transcript);
        Assert.True(exit == 0, $"exit {exit}: {stderr}\n{transcript}");
        Assert.Contains("Connected to", transcript, StringComparison.Ordinal);
        Assert.Contains("you> Where is my order?", transcript, StringComparison.Ordinal);
        Assert.DoesNotContain("failed", transcript, StringComparison.OrdinalIgnoreCase);
        var afterNumber = transcript[transcript.IndexOf("you> W100001", StringComparison.Ordinal)..];
        Assert.Contains("bot> ", afterNumber, StringComparison.Ordinal);
        Assert.Contains("W100001", afterNumber[12..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_with_a_wrong_secret_fails_clearly()
    {
        var stderr = new StringWriter();
        var exit = await CommandLine.RunAsync(["chat", "--url", endToEnd.Server.BaseAddress.ToString(), "--secret", "wrong"],
            new StringReader("hi\n"), new StringWriter(), stderr);
        Assert.Equal(1, exit);
        Assert.Contains("HTTP 403", stderr.ToString(), StringComparison.Ordinal);
    }
}
