using System.Text.Json;
using IntentBot.Cli;
using IntentBot.Cli.Evaluation;
using IntentBot.Nlu;
using IntentBot.Nlu.Classification;

namespace IntentBot.Cli.Tests.Evaluation;

/// <summary>The evaluation pipeline against a scripted classifier, so its rules are checked without a model.</summary>
public sealed class EvaluatorTests
{
    /// <summary>Answers from a table of text → (intent, probability, outOfScope); anything else is an unsure "greeting".</summary>
    private sealed class ScriptedClassifier(Dictionary<string, (string Intent, float P, bool Oos)> script) : ITextClassifier
    {
        public List<int> CallSizes { get; } = [];

        public ModelInfo Model { get; } = new("fake", "1.0", "CPU",
            [new("greeting", "CONVERSATION"), new("track_order", "ORDER"), new("track_refund", "REFUND"), new("out_of_scope", "OUT_OF_SCOPE")],
            ["negative", "neutral", "positive"], "out_of_scope", 0.5f, 64, null);

        public Task<IReadOnlyList<ClassificationResult>> ClassifyAsync(IReadOnlyList<string> texts, int? topK = null, CancellationToken cancellationToken = default)
        {
            CallSizes.Add(texts.Count);
            return Task.FromResult<IReadOnlyList<ClassificationResult>>(texts.Select(t =>
            {
                var (intent, p, oos) = script.GetValueOrDefault(t, ("greeting", 0.4f, true));
                var rest = (1 - p) / (Model.Intents.Count - 1);
                var scores = Model.Intents.Select(l => new IntentScore(l.Name, l.Category, l.Name == intent ? p : rest))
                    .OrderByDescending(s => s.Confidence).Take(topK ?? 3).ToArray();
                var sentiment = t.Contains("angry", StringComparison.Ordinal)
                    ? new SentimentResult("negative", 0.8f, new SentimentScores(0.8f, 0.15f, 0.05f))
                    : new SentimentResult("neutral", 0.7f, new SentimentScores(0.1f, 0.7f, 0.2f));
                return new ClassificationResult(scores[0], scores, oos, sentiment, false);
            }).ToArray());
        }
    }

    private static readonly Dictionary<string, (string, float, bool)> Script = new()
    {
        ["where is my order"] = ("track_order", 0.9f, false),
        ["where is my refund"] = ("track_refund", 0.8f, false),
        ["refund or order?"] = ("track_refund", 0.6f, false),
        ["hello"] = ("greeting", 0.95f, false),
        ["weather on mars"] = ("out_of_scope", 0.7f, true),
        ["angry about my order"] = ("track_refund", 0.99f, false),
    };

    private static CsvTable Table(string csv) => CsvReader.Parse(new StringReader(csv));

    private const string Csv = """
        text,intent,sentiment
        where is my order,track_order,neutral
        where is my refund,track_refund,neutral
        refund or order?,track_order|track_refund,neutral
        hello,greeting,positive
        weather on mars,out_of_scope,neutral
        unsure thing,track_order,neutral
        angry about my order,track_order,negative
        ,greeting,neutral
        no label here,,neutral
        mystery,brand_new_intent,neutral
        """;

    [Fact]
    public async Task Out_of_scope_verdict_overrides_the_top_intent_and_reports_its_probability()
    {
        var result = await Evaluator.RunAsync(new ScriptedClassifier(Script), Table(Csv), "d.csv", "text", "intent", EvaluationTask.Intent);

        var unsure = result.Rows.Single(r => r.Input.Text == "unsure thing");
        Assert.Equal("out_of_scope", unsure.Predicted);
        Assert.Equal(0.2, unsure.Confidence, 5);  // (1 - 0.4) / 3: the out-of-scope label's own probability
        Assert.False(unsure.Correct);
        Assert.Equal("out_of_scope", result.Rows.Single(r => r.Input.Text == "weather on mars").Predicted);
    }

    [Fact]
    public async Task Rows_are_scored_skipped_and_checked_against_the_model_labels()
    {
        var result = await Evaluator.RunAsync(new ScriptedClassifier(Script), Table(Csv), "d.csv", "text", "intent", EvaluationTask.Intent);

        Assert.Equal(8, result.Rows.Count);
        Assert.Equal(1, result.SkippedEmptyText);
        Assert.Equal(1, result.SkippedNoLabel);
        // Correct: order, refund, refund-or-order (alternative), hello, mars.
        Assert.Equal(5, result.Metrics.Correct);
        Assert.Equal([("brand_new_intent", 1)], result.UnknownGoldLabels);
        var oos = result.OutOfScope!;
        Assert.Equal((1, 1, 7, 2), (oos.OutOfScopeRows, oos.Caught, oos.InScopeRows, oos.FalselyRejected));
        // Ties (both 0.2) keep file order.
        Assert.Equal(["angry about my order", "unsure thing", "mystery"], result.WorstErrors(20).Select(r => r.Input.Text));
        Assert.Equal(8, result.Rows[^1].Input.Line - 3);
    }

    [Fact]
    public async Task Sentiment_task_scores_the_sentiment_label()
    {
        var result = await Evaluator.RunAsync(new ScriptedClassifier(Script), Table(Csv), "d.csv", "text", "sentiment", EvaluationTask.Sentiment);

        // "no label here" has a sentiment label, so only the empty text is skipped.
        Assert.Equal(9, result.Rows.Count);
        Assert.Equal(0, result.SkippedNoLabel);
        Assert.Equal(8, result.Metrics.Correct);  // "hello" is gold positive, scripted neutral
        Assert.Empty(result.UnknownGoldLabels);
        Assert.Null(result.OutOfScope);
        Assert.Equal(0.8, result.Rows.Single(r => r.Input.Text == "angry about my order").Confidence, 5);
    }

    [Fact]
    public async Task Texts_go_to_the_classifier_in_chunks()
    {
        var csv = "text,label\n" + string.Concat(Enumerable.Range(0, 600).Select(i => $"hello {i},greeting\n"));
        var classifier = new ScriptedClassifier(Script);

        var result = await Evaluator.RunAsync(classifier, Table(csv), "d.csv", "text", "label", EvaluationTask.Intent);

        Assert.Equal([256, 256, 88], classifier.CallSizes);
        Assert.Equal(Enumerable.Range(1, 600), result.Rows.Select(r => r.Input.Row));
    }

    [Fact]
    public async Task A_file_with_nothing_to_evaluate_is_a_usage_error()
    {
        var ex = await Assert.ThrowsAsync<UsageException>(() =>
            Evaluator.RunAsync(new ScriptedClassifier(Script), Table("text,label\n,greeting\n"), "d.csv", "text", "label", EvaluationTask.Intent));
        Assert.Contains("no rows to evaluate", ex.Message);
    }

    [Fact]
    public void Task_names_are_checked()
    {
        Assert.Equal(EvaluationTask.Intent, Evaluator.ParseTask("Intent"));
        Assert.Contains("intent' or 'sentiment", Assert.Throws<UsageException>(() => Evaluator.ParseTask("topic")).Message);
    }

    [Fact]
    public async Task Console_report_shows_the_matrix_for_few_labels_and_points_to_html_for_many()
    {
        var few = await Evaluator.RunAsync(new ScriptedClassifier(Script), Table(Csv), "d.csv", "text", "intent", EvaluationTask.Intent);
        var text = EvaluationReport.Render(few);
        Assert.Contains("accuracy     0.6250  (5 of 8 correct)", text);
        Assert.Contains("OOS recall", text);
        Assert.Contains("warning: 1 gold label(s) are not known to the model", text);
        Assert.Contains("brand_new_intent (1)", text);
        Assert.Matches(@"(?m)^\s+1\s+track_order\s+→ out_of_scope\r?$", text);
        Assert.Contains("Confusion matrix (rows: gold", text);

        var csv = "text,label\n" + string.Concat(Enumerable.Range(0, 20).Select(i => $"hello,label_{i}\n"));
        var many = await Evaluator.RunAsync(new ScriptedClassifier(Script), Table(csv), "d.csv", "text", "label", EvaluationTask.Intent);
        var manyText = EvaluationReport.Render(many, reportPath: "out.html");
        Assert.Contains("21 labels are too many for the console; the full heatmap is in out.html", manyText);
        Assert.Contains("top 10 of 20", manyText);
    }

    [Fact]
    public async Task Predictions_are_one_json_object_per_row()
    {
        var result = await Evaluator.RunAsync(new ScriptedClassifier(Script), Table(Csv), "d.csv", "text", "intent", EvaluationTask.Intent);
        using var stream = new MemoryStream();
        PredictionWriter.Write(result, stream);

        var lines = System.Text.Encoding.UTF8.GetString(stream.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(8, lines.Length);
        using var alt = JsonDocument.Parse(lines[2]);
        var root = alt.RootElement;
        Assert.Equal(3, root.GetProperty("row").GetInt32());
        Assert.Equal("track_refund", root.GetProperty("gold").GetString());
        Assert.Equal(2, root.GetProperty("acceptable").GetArrayLength());
        Assert.True(root.GetProperty("correct").GetBoolean());
        Assert.Equal(4, root.GetProperty("probabilities").EnumerateObject().Count());
        Assert.Equal("track_refund", root.GetProperty("probabilities").EnumerateObject().First().Name);
        Assert.Equal("neutral", root.GetProperty("sentiment").GetProperty("label").GetString());
    }

    [Fact]
    public async Task Html_report_encodes_everything_from_the_data()
    {
        var csv = "text,label\n\"<script>alert('x')</script> & more\",\"<b>bad</b>\"\nhello,greeting\n";
        var result = await Evaluator.RunAsync(new ScriptedClassifier(Script), Table(csv), "<d>.csv", "text", "label", EvaluationTask.Intent);

        var html = HtmlReport.Render(result, DateTimeOffset.UnixEpoch);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more", html);
        Assert.Contains("&lt;b&gt;bad&lt;/b&gt;", html);
        Assert.Contains("class=\"heatmap\"", html);
        Assert.Contains("<td class=\"diag", html);
    }
}
