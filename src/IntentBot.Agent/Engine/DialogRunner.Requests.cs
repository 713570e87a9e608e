using System.Text.RegularExpressions;
using IntentBot.Nlu;

namespace IntentBot.Agent.Engine;

/// <summary>
/// Two requests in one message ("cancel W100006 and do you have the Cloudrunner in 44?"): the first is answered,
/// the second is remembered and offered once the first is done ("You also asked ... Shall I look at that next?").
/// </summary>
internal sealed partial class DialogRunner
{
    /// <summary>Reads the message as two requests when each half is a confident request of its own; the reading of the
    /// first half replaces the whole message's, the second half is kept for later.</summary>
    private async Task SplitRequestsAsync(Turn t, ITextClassifier classifier, CancellationToken ct)
    {
        var parts = SplitPattern().Split(t.Text).Select(p => p.Trim(' ', ',', ';')).Where(p => p.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 2).ToList();
        if (parts.Count != 2) return;
        // "W100001? my e-mail is ..." is one request with its details, not two requests.
        var rest = Entities.Read(parts[1]);
        if ((rest.Email is not null || rest.OrderNumber is not null || rest.Postcode is not null) && parts[1].Split(' ').Length <= 6) return;
        var readings = await classifier.ClassifyAsync(parts, topK: 3, ct);
        var (first, second) = (readings[0], readings[1]);
        bool Clear(IntentBot.Nlu.Classification.ClassificationResult r) =>
            !r.OutOfScope && r.Intent.Confidence >= options.ClarifyBelow && !Cues.IsSmallTalk(r.Intent.Label) && catalog.Find(r.Intent.Label) is not null;
        if (!Clear(first) || !Clear(second) || first.Intent.Label == second.Intent.Label) return;
        t.Nlu = first with { Sentiment = t.Nlu.Sentiment };
        t.Memory.Pending = second.Intent.Label + "|" + parts[1];
    }

    /// <summary>Once nothing else waits for an answer, offers the request the shopper made alongside the last one.</summary>
    private void OfferPendingRequest(Turn t)
    {
        if (t.Active is not null || t.Suspended.Count > 0 || t.HandedOff || t.Memory.Pending is not { } pending) return;
        t.Memory.Pending = null;
        var text = pending[(pending.IndexOf('|') + 1)..];
        Say(t, EngineTexts.AlsoAsked(text), ["Yes", "No"]);
        t.Memory.YesMeans = "@" + pending;
    }

    // Sentence ends, or "and"/"also" in front of a new request.
    [GeneratedRegex(@"(?<=[?!.])\s+(?=\S)|\s+(?:and\s+also|and|also|plus)\s+(?=(?:do|does|can|could|is|are|what|where|when|how|i|i'd|i'm|please|tell|cancel|track|change|send|show)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex SplitPattern();
}
