using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace IntentBot.Agent.Telemetry;

/// <summary>
/// Bot-turn and handoff metrics plus the turn span, on the process-wide "IntentBot" meter and activity source.
/// </summary>
/// <remarks>Static like the NLU engine's; exporters subscribe by name. Tag values are fixed strings.</remarks>
public static class AgentTelemetry
{
    public const string Name = "IntentBot";

    public const string ActivityTypeTag = "activity.type";
    public const string OutcomeTag = "outcome";
    public const string ReasonTag = "reason";

    public const string Ok = "ok";
    public const string Error = "error";

    public static readonly ActivitySource Source = new(Name);
    private static readonly Meter Meter = new(Name);

    /// <summary>A turn runs the model, reads and writes the store and may call the shop or an LLM: ms to seconds.</summary>
    private static readonly double[] TurnBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    public static readonly Counter<long> Turns = Meter.CreateCounter<long>("intentbot.bot.turns", "{turn}",
        "Activities handled by the agent, by activity type and outcome (ok or error).");

    public static readonly Histogram<double> TurnDuration = Meter.CreateHistogram("intentbot.bot.turn.duration", "s",
        "Wall time of one agent turn, by activity type and outcome.", tags: null, new InstrumentAdvice<double> { HistogramBucketBoundaries = TurnBuckets });

    public static readonly Counter<long> Handoffs = Meter.CreateCounter<long>("intentbot.bot.handoffs", "{handoff}",
        "Conversations handed to a person, by reason (requested, escalation, frustration).");

    public static readonly Counter<long> ShopNameReadings = Meter.CreateCounter<long>("intentbot.bot.shop_name_readings", "{message}",
        "Out-of-scope messages naming the shop's brands or product lines, read again without the names: outcome in_scope (the second reading was used) or out_of_scope (the verdict stood).");

    public static void RecordShopNameReading(bool inScope) =>
        ShopNameReadings.Add(1, new KeyValuePair<string, object?>(OutcomeTag, inScope ? "in_scope" : "out_of_scope"));

    public static void RecordTurn(string activityType, bool ok, TimeSpan elapsed)
    {
        var tags = new TagList { { ActivityTypeTag, activityType }, { OutcomeTag, ok ? Ok : Error } };
        Turns.Add(1, tags);
        TurnDuration.Record(elapsed.TotalSeconds, tags);
    }

    public static void RecordHandoff(string reason) => Handoffs.Add(1, new KeyValuePair<string, object?>(ReasonTag, reason));
}
