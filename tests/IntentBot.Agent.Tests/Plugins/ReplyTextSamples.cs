using IntentBot.Agent.Plugins;
using Microsoft.SemanticKernel;
using Xunit.Abstractions;

namespace IntentBot.Agent.Tests.Plugins;

/// <summary>Prints what customers would read for the fixtures (visible with a detailed logger), and checks none is empty.</summary>
public sealed class ReplyTextSamples(ITestOutputHelper output)
{
    [Fact]
    public async Task Every_fixture_reply_reads_as_a_sentence()
    {
        var kernel = PluginKernel.Create();
        var calls = new List<(string Plugin, string Function, KernelArguments Args)>();
        foreach (var n in new[] { "W100001", "W100002", "W100003", "W100004", "W100005", "W100006", "W100007", "W100008", "W100009", "W100010", "W100011", "W100012" })
        {
            calls.Add(("orders", "status", new() { ["orderNumber"] = n }));
            calls.Add(("orders", "cancellation_fee", new() { ["orderNumber"] = n }));
            calls.Add(("orders", "return_eligibility", new() { ["orderNumber"] = n }));
            calls.Add(("orders", "refund_status", new() { ["orderNumber"] = n }));
        }

        calls.Add(("orders", "invoice", new() { ["orderNumber"] = "W100001" }));
        calls.Add(("catalog", "search", new() { ["query"] = "waterproof jacket", ["maxPrice"] = "200" }));
        calls.Add(("catalog", "details", new() { ["product"] = "P1001" }));
        calls.Add(("catalog", "availability", new() { ["product"] = "P1004" }));
        calls.Add(("catalog", "related", new() { ["product"] = "P1007" }));
        calls.Add(("policies", "shipping", new() { ["country"] = "DE" }));
        calls.Add(("policies", "cancellation", new()));
        calls.Add(("policies", "newsletter", new()));
        calls.Add(("policies", "contact", new()));
        calls.Add(("promotions", "active", new() { ["category"] = "shoes" }));
        calls.Add(("promotions", "check_code", new() { ["code"] = "WELCOME10" }));

        foreach (var (plugin, function, args) in calls)
        {
            var result = await kernel.InvokeAsync(plugin, function, args);
            var text = result.ToString();
            output.WriteLine($"{plugin}.{function} {string.Join(" ", args.Select(a => a.Value))}: {text}");
            Assert.False(string.IsNullOrWhiteSpace(text));
            Assert.EndsWith(".", text.TrimEnd());
            Assert.DoesNotContain("IntentBot.", text, StringComparison.Ordinal);
        }
    }
}
