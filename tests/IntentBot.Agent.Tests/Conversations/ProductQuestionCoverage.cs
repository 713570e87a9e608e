using System.Text.Json;
using IntentBot.Agent.Tests.Infrastructure;
using Xunit.Abstractions;

namespace IntentBot.Agent.Tests.Conversations;

/// <summary>
/// How many of the challenge set's 102 product questions the whole agent (model, shop-name second reading, dialogs)
/// takes as the right shopping request: a measurement of the shipped model, written to the test output, with a
/// floor that any model fit to ship clears.
/// </summary>
/// <remarks>
/// The count is the broad measure of product questions that <see cref="ShopNameStories"/> (scripted) cannot be: the
/// questions a model misses differ from model to model (docs/model-history.md lists the counts measured); which
/// of them a model gets right is its own business, so only the count is asserted. The floor of 50 (about half) is
/// what a model that reads shoppers at all must clear even on the shop's unfamiliar brand names, and well under what
/// the models measured so far reach, so a retrained model is not failed for a few questions it reads differently; to
/// compare candidates, read the count in the output (or set <c>INTENTBOT_PRODUCT_PROBE_REPORT</c> to a file path to
/// get every question's outcome; training/judge.py's comparison of candidates leaves this agent-level count to
/// this test).
/// </remarks>
public sealed class ProductQuestionCoverage(ITestOutputHelper output)
{
    private const int Floor = 50;

    private static readonly string[] ProbeFiles = ["short_product_questions", "unknown_brands", "shop_catalog"];

    [Fact]
    public async Task The_agent_answers_most_product_questions()
    {
        var outcomes = new List<(string File, string Text, string Gold, string Got)>();
        foreach (var file in ProbeFiles)
        {
            foreach (var line in File.ReadLines(Path.Combine(AgentHarness.RepoRoot, "training", "data", "challenge", file + ".jsonl")))
            {
                using var row = JsonDocument.Parse(line);
                var text = row.RootElement.GetProperty("text").GetString()!;
                var gold = row.RootElement.GetProperty("intent").GetString()!;
                // A fresh conversation each: one question's dialog must not shape the next one's reading.
                var chat = AgentHarness.Create().Start("c1001");
                await chat.SayAsync(text);
                outcomes.Add((file, text, gold, (await chat.StateAsync()).RecentIntents[^1]));
            }
        }
        Assert.Equal(102, outcomes.Count);

        var report = Environment.GetEnvironmentVariable("INTENTBOT_PRODUCT_PROBE_REPORT");
        if (!string.IsNullOrEmpty(report))
            File.WriteAllLines(report, outcomes.Select(o => $"{o.File}\t{o.Gold}\t{o.Got}\t{o.Text}")
                .Concat(ProbeFiles.Select(f => $"# {f}: {outcomes.Count(o => o.File == f && o.Gold == o.Got)} right")));

        var right = outcomes.Count(o => o.Gold == o.Got);
        var model = AgentHarness.Classifier.Model;
        output.WriteLine($"Model {model.Name} {model.Version}: {right} of {outcomes.Count} product questions right ("
            + string.Join(", ", ProbeFiles.Select(f => $"{f} {outcomes.Count(o => o.File == f && o.Gold == o.Got)}")) + ")");
        var misses = string.Join("\n", outcomes.Where(o => o.Gold != o.Got).Select(o => $"  {o.Text} -> {o.Got}"));
        output.WriteLine("Misses:\n" + misses);
        Assert.True(right >= Floor, $"The agent took {right} of 102 product questions right; the floor is {Floor}. Misses:\n{misses}");
    }
}
