using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using IntentBot.Cli;
using IntentBot.Nlu;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace IntentBot.EndToEnd.Tests;

/// <summary>
/// The feedback loop closed: an agent's correction, exported by `intentbot feedback export`, is learned by a retrain
/// (`training/run.sh --tiny --feedback FILE`, the real pipeline down to the packaged int8 model, read by the C# runtime).
/// Two tiny runs with the same seed: without the feedback the model reads the message as something else; with it, as
/// the corrected intent. The tiny model reads little right, so the test is about the correction, not about accuracy.
/// </summary>
public sealed class ClosingLoopTests(ITestOutputHelper output)
{
    private const string ApiKey = "closing-loop-key";
    // A product name the model has never seen: the kind of message a reviewer corrects, with no rows of the training
    // data pulling it towards one intent, so that a 20-step run shows the correction rather than the data.
    private const string Message = "can the glimmerwick come in blue";

    [Fact]
    public async Task A_correction_exported_by_the_cli_is_learned_by_a_retrain()
    {
        var work = Directory.CreateTempSubdirectory("intentbot-closing-loop-");
        try
        {
            var before = await ReadAsync(await TrainAsync(Path.Combine(work.FullName, "without"), feedback: null));
            // The reviewer's label: an intent the model without the feedback does not give the message.
            var label = before == "exchange_item" ? "product_inquiry" : "exchange_item";
            output.WriteLine($"without the feedback: {before}; corrected to {label}");

            var server = new RealServer(new Dictionary<string, string?> { ["Api:Keys:0"] = ApiKey });
            await server.InitializeAsync();
            var file = Path.Combine(work.FullName, "feedback.jsonl");
            try
            {
                using var http = new HttpClient { BaseAddress = server.BaseAddress };
                http.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
                var added = await http.PostAsJsonAsync("/api/v1/insights/review",
                    new { userId = "u-closing-loop", conversationId = "c-closing-loop", text = Message, source = "agent_corrected", label });
                Assert.Equal(HttpStatusCode.Created, added.StatusCode);
                var stderr = new StringWriter();
                var exit = await CommandLine.RunAsync(["feedback", "export", "--url", server.BaseAddress.ToString(), "--api-key", ApiKey, "--out", file],
                    new StringReader(""), new StringWriter(), stderr);
                Assert.True(exit == 0, stderr.ToString());
            }
            finally
            {
                await server.DisposeAsync();
            }
            output.WriteLine($"exported: {await File.ReadAllTextAsync(file)}");

            var after = await ReadAsync(await TrainAsync(Path.Combine(work.FullName, "with"), file));
            output.WriteLine($"with the feedback: {after}");
            Assert.Equal(label, after);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>Runs the tiny pipeline into <paramref name="modelDirectory"/> and returns it.</summary>
    private async Task<string> TrainAsync(string modelDirectory, string? feedback)
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = RealServer.RepoRoot, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "training/run.sh", "--tiny", "--fresh", "--skip-cli-check", "--model-dir", modelDirectory })
            start.ArgumentList.Add(argument);
        if (feedback is not null)
        {
            start.ArgumentList.Add("--feedback");
            start.ArgumentList.Add(feedback);
        }
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(20)); // only turns a hang into a failure
        await process.WaitForExitAsync(limit.Token);
        var log = await stdout + await stderr;
        output.WriteLine($"training/run.sh --tiny{(feedback is null ? "" : " --feedback")}: exit {process.ExitCode} after {watch.Elapsed.TotalSeconds:0} s");
        Assert.True(process.ExitCode == 0, log[Math.Max(0, log.Length - 4000)..]);
        return modelDirectory;
    }

    private static async Task<string> ReadAsync(string modelDirectory)
    {
        await using var engine = NluEngine.Load(modelDirectory, new NluOptions { ExecutionProvider = ExecutionProviderKind.Cpu }, NullLogger.Instance);
        return (await engine.ClassifyAsync([Message], topK: 1, CancellationToken.None))[0].Intent.Label;
    }
}
