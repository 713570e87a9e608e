using System.Text.RegularExpressions;
using IntentBot.Nlu;
using IntentBot.Nlu.Classification;
using static IntentBot.Agent.Engine.ReplyBuilder;

namespace IntentBot.Agent.Engine;

/// <summary>
/// Two requests in one message ("cancel W100006 and do you have the Cloudrunner in 44?", "我想退货。另外运费多少？"):
/// the first is answered, the second is remembered and offered once the first is done ("You also asked ... Shall I
/// look at that next?").
/// </summary>
internal sealed partial class DialogRunner
{
    /// <summary>Reads the message as two requests when each half is a confident request of its own; the reading of the
    /// first half replaces the whole message's, the second half is kept for later. True when it did.</summary>
    private async Task<bool> SplitRequestsAsync(Turn t, ITextClassifier classifier, CancellationToken ct)
    {
        var chinese = Language.Detect(t.Text) switch
        {
            Language.Chinese => true,
            Language.English => false,
            _ => (bool?)null,
        };
        if (chinese is null) return false;
        var parts = chinese.Value ? ChineseParts(t.Text) : EnglishParts(t.Text);
        if (parts.Count != 2) return false;
        // "W100001? my e-mail is ..." is one request with its details, not two requests; "track W100001 and cancel
        // W100002" is two: each half names its own order, and the second is more than the number.
        var said = parts.Select(Entities.Read).ToList();
        var rest = said[1];
        var anotherOrder = rest.OrderNumber is { } restOrder && said[0].OrderNumber is { } firstOrder
            && !string.Equals(firstOrder, restOrder, StringComparison.OrdinalIgnoreCase) && !Cues.IsBareOrderNumber(parts[1]);
        if (!anotherOrder && (rest.Email is not null || rest.OrderNumber is not null || rest.Postcode is not null) && (chinese.Value || parts[1].Split(' ').Length <= 6))
            return false;
        var readings = await classifier.ClassifyAsync(parts, topK: 3, ct);
        // Each half is read as a whole message would be: "cancel W100002" (0.52) and "where is W100001" (read out of
        // scope) are order requests by their order number, as they are when sent alone.
        ClassificationResult Read(int i)
        {
            var reading = chinese.Value ? ReadChineseWords(readings[i], parts[i]) : readings[i];
            return OrderRequest(parts[i], said[i].OrderNumber, null, reading) is { } order ? Cues.Read(reading, order) : reading;
        }
        var (first, second) = (Read(0), Read(1));
        bool Clear(ClassificationResult r) =>
            !r.OutOfScope && r.Intent.Confidence >= options.ClarifyBelow && !Cues.IsSmallTalk(r.Intent.Label) && catalog.Find(r.Intent.Label) is not null;
        if (!Clear(first) || !Clear(second) || first.Intent.Label == second.Intent.Label) return false;
        t.Nlu = first with { Sentiment = t.Nlu.Sentiment };
        t.Memory.Pending = second.Intent.Label + "|" + parts[1];
        return true;
    }

    private static List<string> EnglishParts(string text) =>
        SplitPattern().Split(text).Select(p => p.Trim(' ', ',', ';')).Where(p => p.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 2).ToList();

    // A part of two characters is a greeting or a particle ("您好，", "嗯，"), not a request.
    private static List<string> ChineseParts(string text) =>
        ChineseSplitPattern().Split(text).Select(p => p.Trim()).Where(p => p.Length >= 3).ToList();

    /// <summary>Once nothing else waits for an answer, offers the request the shopper made alongside the last one.</summary>
    private void OfferPendingRequest(Turn t)
    {
        if (t.Active is not null || t.Suspended.Count > 0 || t.HandedOff || t.Memory.Pending is not { } pending) return;
        t.Memory.Pending = null;
        var text = pending[(pending.IndexOf('|') + 1)..];
        replies.Say(t, Localised(t, EngineTexts.AlsoAsked(text), EngineTexts.Zh.AlsoAsked(text)), ["Yes", "No"]);
        t.Memory.YesMeans = "@" + pending;
    }

    // Sentence ends, or "and"/"also" in front of a new request.
    [GeneratedRegex(@"(?<=[?!.])\s+(?=\S)|\s+(?:and\s+also|and|also|plus)\s+(?=(?:do|does|can|could|is|are|what|where|when|how|i|i'd|i'm|please|tell|cancel|track|change|send|show)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex SplitPattern();

    // Chinese sentence and clause ends, and "besides" / "by the way" in front of a new request (the word goes; "还有"
    // stays: "还有优惠券吗" is a request of its own, while "这双还有黑色的吗" is one question).
    [GeneratedRegex(@"[，。？！；,;?!]+\s*(?:另外|顺便问一下|顺便问下|顺便)?|(?:另外|顺便问一下|顺便问下|顺便)")]
    private static partial Regex ChineseSplitPattern();
}
