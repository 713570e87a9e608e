using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using IntentBot.Cli;

namespace IntentBot.Cli.Tests.Commands;

/// <summary>`intentbot eval` end to end with the real default model. Accuracy is never pinned: the model gets retrained.</summary>
public sealed class EvalCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private const string IntentCsv = """
        utterance,intent,mood
        where is my order,track_order,neutral
        "I want to track my order, please",track_order,neutral
        hello,greeting,positive
        hi there,greeting,positive
        "thank you so much, that was really helpful!",thanks,positive
        goodbye,goodbye,neutral
        I want to cancel my order,cancel_order,neutral
        how do I reset my password,recover_password,neutral
        I want a refund for my purchase,get_refund|track_refund,negative
        "where is my refund?",track_refund|get_refund,neutral
        "what payment methods do you accept?",check_payment_methods,neutral
        "I need to change my shipping address
        before it ships",change_shipping_address,neutral
        "this is terrible, your service is awful and I am furious",complaint,negative
        "<script>alert('hi')</script> tell me a joke about penguins",definitely_not_a_model_label,neutral
        who won the football world cup in 1998,out_of_scope,neutral
        "",greeting,neutral
        """;

    public void Dispose() => _temp.Dispose();

    private string Write(string name, string content)
    {
        var path = Path.Combine(_temp.Path, name);
        File.WriteAllText(path, content.Replace("\n", "\r\n", StringComparison.Ordinal));
        return path;
    }

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(["eval", .. args, "--model", RepositoryPaths.DefaultModel], TextReader.Null, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static double PrintedNumber(string output, string field) =>
        double.Parse(Regex.Match(output, $@"(?m)^\s+{Regex.Escape(field)}\s+([0-9.]+)").Groups[1].Value, CultureInfo.InvariantCulture);

    [Fact]
    public async Task Intent_evaluation_prints_metrics_and_writes_predictions_and_report()
    {
        var data = Write("intents.csv", IntentCsv);
        var predictions = Path.Combine(_temp.Path, "out", "predictions.jsonl");
        var report = Path.Combine(_temp.Path, "out", "report.html");

        var (code, output, error) = await Run("--data", data, "--text-column", "utterance", "--label-column", "intent",
            "--task", "intent", "--predictions", predictions, "--report", report);

        Assert.True(code == 0, error);
        Assert.Contains("15 evaluated, 1 skipped (1 with an empty text)", output);
        Assert.Contains("accuracy", output);
        Assert.Contains("macro-F1", output);
        Assert.Contains("label", output);
        Assert.Contains("precision  recall     F1  support", output);
        Assert.Matches(@"(?m)^\s+track_order\s+[0-9.]+\s+[0-9.]+\s+[0-9.]+\s+2\s", output);
        Assert.Contains("definitely_not_a_model_label", output);
        Assert.Contains("not known to the model", output);
        Assert.Contains("OOS recall", output);
        Assert.Contains("false reject", output);

        // One JSON object per non-empty row, with every documented field.
        var lines = File.ReadAllLines(predictions);
        Assert.Equal(15, lines.Length);
        var rows = lines.Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        foreach (var row in rows)
        {
            foreach (var field in new[] { "row", "text", "gold", "acceptable", "predicted", "correct", "confidence", "probabilities", "intents", "outOfScope", "sentiment" })
                Assert.True(row.TryGetProperty(field, out _), $"missing {field} in {row}");
            var confidence = row.GetProperty("confidence").GetDouble();
            Assert.InRange(confidence, 0, 1);
            Assert.Equal(confidence, row.GetProperty("probabilities").GetProperty(row.GetProperty("predicted").GetString()!).GetDouble(), 6);
            Assert.Equal(row.GetProperty("correct").GetBoolean(), row.GetProperty("gold").GetString() == row.GetProperty("predicted").GetString());
            Assert.True(row.GetProperty("sentiment").TryGetProperty("negative", out _));
            if (row.GetProperty("outOfScope").GetBoolean()) Assert.Equal("out_of_scope", row.GetProperty("predicted").GetString());
        }
        Assert.Equal("I need to change my shipping address\r\nbefore it ships", rows.Single(r => r.GetProperty("row").GetInt32() == 12).GetProperty("text").GetString());
        Assert.DoesNotContain(rows, r => r.GetProperty("row").GetInt32() == 16);  // the empty text

        // The printed accuracy is the share of correct rows in the predictions file.
        var correct = rows.Count(r => r.GetProperty("correct").GetBoolean());
        Assert.Equal(Math.Round((double)correct / rows.Length, 4), PrintedNumber(output, "accuracy"), 4);
        Assert.Contains($"({correct} of 15 correct)", output);
        // Very obvious rows: loosely, most of them should be right whatever the model version.
        Assert.True(correct >= 8, $"only {correct} of 15 obvious rows right:\n{output}");

        var html = File.ReadAllText(report);
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.EndsWith("</html>\n", html.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Contains("<table", html);
        Assert.Contains("track_order", html);
        Assert.Contains("greeting", html);
        Assert.Contains("class=\"heatmap\"", html);
        // The penguin row can never be right (its label is unknown), so it is among the worst errors, escaped.
        Assert.Contains("&lt;script&gt;alert(&#39;hi&#39;)&lt;/script&gt; tell me a joke about penguins", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.Equal(Regex.Count(html, "<table"), Regex.Count(html, "</table>"));
        Assert.Equal(Regex.Count(html, "<tr>|<tr "), Regex.Count(html, "</tr>"));
    }

    [Fact]
    public async Task Sentiment_evaluation_scores_the_sentiment_head()
    {
        var data = Write("sentiment.csv", IntentCsv);
        var predictions = Path.Combine(_temp.Path, "sentiment.jsonl");

        var (code, output, error) = await Run("--data", data, "--text-column", "utterance", "--label-column", "mood",
            "--task", "sentiment", "--predictions", predictions);

        Assert.True(code == 0, error);
        Assert.Contains("IntentBot evaluation — sentiment", output);
        Assert.Contains("Confusion matrix (rows: gold", output);
        Assert.DoesNotContain("not known to the model", output);
        Assert.DoesNotContain("OOS recall", output);
        var rows = File.ReadAllLines(predictions).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal(15, rows.Length);
        Assert.All(rows, r => Assert.Contains(r.GetProperty("predicted").GetString(), new[] { "negative", "neutral", "positive" }));
        Assert.All(rows, r => Assert.Equal(r.GetProperty("sentiment").GetProperty("label").GetString(), r.GetProperty("predicted").GetString()));
        Assert.All(rows, r => Assert.Equal(3, r.GetProperty("probabilities").EnumerateObject().Count()));
        var correct = rows.Count(r => r.GetProperty("correct").GetBoolean());
        Assert.Equal(Math.Round((double)correct / rows.Length, 4), PrintedNumber(output, "accuracy"), 4);
    }

    [Fact]
    public async Task A_missing_column_exits_2_naming_the_available_columns()
    {
        var data = Write("intents.csv", IntentCsv);

        var (code, _, error) = await Run("--data", data, "--text-column", "text", "--label-column", "intent", "--task", "intent");

        Assert.Equal(2, code);
        Assert.Contains("column 'text' not found", error);
        Assert.Contains("'utterance', 'intent', 'mood'", error);
    }

    [Theory]
    [InlineData("--task", "topic", "--task must be")]
    [InlineData("--data", "/nonexistent/eval.csv", "data file not found")]
    public async Task Bad_options_exit_2(string option, string value, string message)
    {
        var data = Write("intents.csv", IntentCsv);
        string[] args = ["--data", data, "--text-column", "utterance", "--label-column", "intent", "--task", "intent"];
        args[Array.IndexOf(args, option) + 1] = value;

        var (code, _, error) = await Run(args);

        Assert.Equal(2, code);
        Assert.Contains(message, error);
    }

    [Fact]
    public async Task An_empty_file_exits_2()
    {
        var data = Write("empty.csv", "");
        var (code, _, error) = await Run("--data", data, "--text-column", "utterance", "--label-column", "intent", "--task", "intent");
        Assert.Equal(2, code);
        Assert.Contains("empty", error);
    }

    [Fact]
    public async Task A_missing_model_exits_1()
    {
        var data = Write("intents.csv", IntentCsv);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = await CommandLine.RunAsync(["eval", "--data", data, "--text-column", "utterance", "--label-column", "intent", "--task", "intent",
            "--model", Path.Combine(_temp.Path, "no-model")], TextReader.Null, stdout, stderr);

        Assert.Equal(1, code);
        Assert.Contains("cannot load the model", stderr.ToString());
    }
}
