using System.Diagnostics;
using System.Text.Json;
using IntentBot.Context.PurchaseIntent;

// Usage: PurchaseIntentParity <model folder> <expected.jsonl> [tolerance]
// Each line of expected.jsonl: {"features": {UCI name: value, null = unknown}, "probability": p from sklearn}.
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: PurchaseIntentParity <model folder> <expected.jsonl> [tolerance]");
    return 2;
}
var tolerance = args.Length > 2 ? double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1e-5;
using var model = PurchaseIntentModel.Load(args[0]);

var sessions = new List<PurchaseIntentFeatures>();
var expected = new List<double>();
foreach (var line in File.ReadLines(args[1]))
{
    if (string.IsNullOrWhiteSpace(line)) continue;
    using var doc = JsonDocument.Parse(line);
    sessions.Add(ParityRows.Features(doc.RootElement.GetProperty("features")));
    expected.Add(doc.RootElement.GetProperty("probability").GetDouble());
}

var actual = model.Probabilities(sessions);
var maxDelta = actual.Zip(expected, (a, e) => Math.Abs(a - e)).Max();
Console.WriteLine($"ONNX Runtime vs Python on {sessions.Count} rows: max |Δp| = {maxDelta:E2} (tolerance {tolerance:E0})");

// Latency: one session per call, as the bot scores it; the first calls warm ONNX Runtime up.
var one = sessions[0];
for (var i = 0; i < 200; i++) model.Probability(one);
const int Calls = 5000;
var watch = Stopwatch.StartNew();
for (var i = 0; i < Calls; i++) model.Probability(sessions[i % sessions.Count]);
var probabilityMicros = watch.Elapsed.TotalMicroseconds / Calls;
const int Estimates = 1000;
watch.Restart();
for (var i = 0; i < Estimates; i++) model.Estimate(sessions[i % sessions.Count]);
var estimateMicros = watch.Elapsed.TotalMicroseconds / Estimates;
Console.WriteLine($"latency (1 thread, mean): Probability {probabilityMicros:F1} µs/session; Estimate with 17-feature explanation {estimateMicros:F1} µs/session");
return maxDelta <= tolerance ? 0 : 1;

internal static class ParityRows
{
    public static PurchaseIntentFeatures Features(JsonElement f)
    {
        double N(string name) => f.GetProperty(name).ValueKind == JsonValueKind.Null ? double.NaN : f.GetProperty(name).GetDouble();
        return new PurchaseIntentFeatures
        {
            Administrative = N("Administrative"),
            Administrative_Duration = N("Administrative_Duration"),
            Informational = N("Informational"),
            Informational_Duration = N("Informational_Duration"),
            ProductRelated = N("ProductRelated"),
            ProductRelated_Duration = N("ProductRelated_Duration"),
            BounceRates = N("BounceRates"),
            ExitRates = N("ExitRates"),
            PageValues = N("PageValues"),
            SpecialDay = N("SpecialDay"),
            Month = f.GetProperty("Month").GetString()!,
            OperatingSystems = (int)N("OperatingSystems"),
            Browser = (int)N("Browser"),
            Region = (int)N("Region"),
            TrafficType = (int)N("TrafficType"),
            VisitorType = f.GetProperty("VisitorType").GetString()!,
            Weekend = f.GetProperty("Weekend").GetBoolean(),
        };
    }
}
