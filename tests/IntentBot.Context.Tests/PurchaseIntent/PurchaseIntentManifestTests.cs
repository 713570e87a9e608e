using System.Text.Json.Nodes;
using IntentBot.Context.PurchaseIntent;

namespace IntentBot.Context.Tests.PurchaseIntent;

/// <summary>A broken model folder stops loading with a message that names the file and the field at fault.</summary>
public sealed class PurchaseIntentManifestTests
{
    [Theory]
    [InlineData("features", """["PageValues", "Mood"]""", "features: 'Mood' is not a feature this runtime can compute")]
    [InlineData("features", """["PageValues", "PageValues"]""", "features: 'PageValues' is listed twice")]
    [InlineData("features", "[]", "features: missing or empty")]
    [InlineData("threshold", "1.5", "threshold: 1.5 is not a probability strictly between 0 and 1")]
    [InlineData("threshold", "null", "threshold: missing is not a probability")]
    [InlineData("levels", """{"medium": 0.6, "high": 0.4}""", "levels: medium (0.6) and high (0.4) must be probabilities with 0 < medium < high < 1")]
    [InlineData("model", """{"file": "other.onnx", "input": "features", "output": "probability"}""", "model.file: 'other.onnx' does not exist in the model folder")]
    [InlineData("model", """{"file": "model.onnx", "output": "probability"}""", "model.input: missing")]
    [InlineData("version", "null", "version: missing")]
    public void A_bad_field_is_named_in_the_error(string field, string json, string message)
    {
        using var copy = new ModelCopy();
        Edit(copy, m => m[field] = JsonNode.Parse(json));
        var ex = Assert.Throws<PurchaseIntentModelException>(() => PurchaseIntentModel.Load(copy.Path));
        Assert.Contains(message, ex.Message);
        Assert.StartsWith(copy.ManifestPath, ex.Message);
    }

    [Fact]
    public void A_missing_imputation_median_is_named()
    {
        using var copy = new ModelCopy();
        Edit(copy, m => m["imputation"]!.AsObject().Remove("PageValues"));
        Assert.Contains("imputation.PageValues: missing", Assert.Throws<PurchaseIntentModelException>(() => PurchaseIntentModel.Load(copy.Path)).Message);
    }

    [Theory]
    [InlineData("Month", "\"Jun\"", "explanationBaseline.Month: 'Jun' is not a month name")]
    [InlineData("Weekend", "0", "explanationBaseline.Weekend: expected true or false, found Number")]
    [InlineData("PageValues", "\"0\"", "explanationBaseline.PageValues: expected a finite number, found String")]
    public void A_bad_explanation_baseline_is_named(string feature, string json, string message)
    {
        using var copy = new ModelCopy();
        Edit(copy, m => m["explanationBaseline"]![feature] = JsonNode.Parse(json));
        Assert.Contains(message, Assert.Throws<PurchaseIntentModelException>(() => PurchaseIntentModel.Load(copy.Path)).Message);
    }

    [Fact]
    public void Several_faults_are_reported_together()
    {
        using var copy = new ModelCopy();
        Edit(copy, m => { m["name"] = null; m["threshold"] = 0; });
        var message = Assert.Throws<PurchaseIntentModelException>(() => PurchaseIntentModel.Load(copy.Path)).Message;
        Assert.Contains("name: missing", message);
        Assert.Contains("threshold: 0 is not a probability", message);
    }

    [Fact]
    public void A_feature_list_that_does_not_fit_the_onnx_input_is_rejected()
    {
        using var copy = new ModelCopy();
        Edit(copy, m => m["features"]!.AsArray().RemoveAt(0));
        var ex = Assert.Throws<PurchaseIntentModelException>(() => PurchaseIntentModel.Load(copy.Path));
        Assert.Matches(@"input 'features' takes \d+ features but manifest features lists \d+", ex.Message);
    }

    [Fact]
    public void An_input_or_output_name_the_onnx_file_lacks_is_rejected()
    {
        using var copy = new ModelCopy();
        Edit(copy, m => m["model"]!["output"] = "proba");
        Assert.Contains("the model has no output 'proba' (model.output); it has probability, logit",
            Assert.Throws<PurchaseIntentModelException>(() => PurchaseIntentModel.Load(copy.Path)).Message);
    }

    [Fact]
    public void Invalid_json_a_missing_manifest_and_a_missing_folder_are_rejected()
    {
        using var copy = new ModelCopy();
        File.WriteAllText(copy.ManifestPath, "{ \"name\": ");
        Assert.Contains("not valid JSON", Assert.Throws<PurchaseIntentModelException>(() => PurchaseIntentModel.Load(copy.Path)).Message);
        File.Delete(copy.ManifestPath);
        Assert.Contains("manifest.json: file is missing", Assert.Throws<PurchaseIntentModelException>(() => PurchaseIntentModel.Load(copy.Path)).Message);
        Assert.Contains("does not exist", Assert.Throws<PurchaseIntentModelException>(() => PurchaseIntentModel.Load(Path.Combine(copy.Path, "nope"))).Message);
    }

    [Fact]
    public void A_corrupt_onnx_file_is_reported_as_such()
    {
        using var copy = new ModelCopy();
        File.WriteAllBytes(Path.Combine(copy.Path, "model.onnx"), [1, 2, 3, 4]);
        Assert.Contains("ONNX Runtime cannot load the model", Assert.Throws<PurchaseIntentModelException>(() => PurchaseIntentModel.Load(copy.Path)).Message);
    }

    private static void Edit(ModelCopy copy, Action<JsonObject> change)
    {
        var manifest = JsonNode.Parse(File.ReadAllText(copy.ManifestPath))!.AsObject();
        change(manifest);
        File.WriteAllText(copy.ManifestPath, manifest.ToJsonString());
    }
}
