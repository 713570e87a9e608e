using System.Globalization;
using System.Text.Json;

namespace IntentBot.Context.State;

/// <summary>
/// Conversations saved before the typed fields existed kept the engine's bookkeeping in <see cref="ConversationState.Slots"/>
/// under names starting with '_': "_transcript", "_searched" (JSON lists), "_promotion_offered", "_mem.*" (the
/// conversation's facts) and per dialog "dialog._await", "._tries", "._confirmed", "._skip.slot", "._concern". Reading
/// moves them into <see cref="ConversationState.Progress"/>, <see cref="ConversationState.Facts"/>,
/// <see cref="ConversationState.Transcript"/>, <see cref="ConversationState.Searched"/> and
/// <see cref="ConversationState.PromotionOffered"/>; the next save writes the typed form, so each is read once.
/// </summary>
public static class LegacySlots
{
    private const string Memory = "_mem.";

    /// <summary>The state with its legacy keys moved into the typed fields; the same instance when it has none.</summary>
    public static ConversationState Migrate(ConversationState state)
    {
        state = WithTypedFields(state);
        if (!state.Slots.Keys.Any(IsLegacy)) return state;
        var slots = new Dictionary<string, string>(state.Slots);
        var facts = state.Facts;
        var progress = new Dictionary<string, DialogProgress>(state.Progress);
        var transcript = state.Transcript;
        var searched = state.Searched;
        var promotionOffered = state.PromotionOffered;
        foreach (var (key, value) in state.Slots)
        {
            var moved = true;
            if (key == "_transcript") transcript = List(value, transcript);
            else if (key == "_searched") searched = List(value, searched);
            else if (key == "_promotion_offered") promotionOffered = true;
            else if (key.StartsWith(Memory, StringComparison.Ordinal)) moved = TryFact(ref facts, key[Memory.Length..], value);
            else if (key.IndexOf("._", StringComparison.Ordinal) is > 0 and var dot)
            {
                var dialog = key[..dot];
                var entry = progress.GetValueOrDefault(dialog) ?? new DialogProgress();
                moved = TryProgress(ref entry, key[(dot + 2)..], value);
                if (moved) progress[dialog] = entry;
            }
            else moved = false;
            // A key this release does not know stays where it was: state is never dropped.
            if (moved) slots.Remove(key);
        }
        return state with
        {
            Slots = slots, Facts = facts, Progress = progress, Transcript = transcript, Searched = searched,
            PromotionOffered = promotionOffered,
        };
    }

    /// <summary>A document written before the typed fields existed has none: they read as empty, not null.</summary>
    private static ConversationState WithTypedFields(ConversationState state) =>
        state.Progress is not null && state.Facts is not null && state.Transcript is not null && state.Searched is not null
            ? state
            : state with
            {
                Progress = state.Progress ?? new Dictionary<string, DialogProgress>(),
                Facts = state.Facts ?? new ConversationFacts(),
                Transcript = state.Transcript ?? [],
                Searched = state.Searched ?? [],
            };

    private static bool IsLegacy(string key) => key.StartsWith('_') || key.Contains("._", StringComparison.Ordinal);

    private static bool TryProgress(ref DialogProgress progress, string name, string value)
    {
        switch (name)
        {
            case "await":
                progress = value switch
                {
                    "_confirm" => progress with { Asked = DialogQuestion.Confirmation, AskedSlot = null },
                    "_verify" => progress with { Asked = DialogQuestion.GuestProof, AskedSlot = null },
                    _ => progress with { Asked = DialogQuestion.Slot, AskedSlot = value },
                };
                return true;
            case "tries" when int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var tries):
                progress = progress with { Tries = tries };
                return true;
            case "confirmed":
                progress = progress with { Confirmed = true };
                return true;
            case "concern":
                progress = progress with { Concern = value };
                return true;
            case ['s', 'k', 'i', 'p', '.', .. var slot]:
                progress = progress with { SkippedSlots = [.. progress.SkippedSlots, slot] };
                return true;
            default:
                return false;
        }
    }

    private static bool TryFact(ref ConversationFacts facts, string name, string value)
    {
        switch (name)
        {
            case "email": facts = facts with { Email = value }; return true;
            case "postcode": facts = facts with { Postcode = value }; return true;
            case "country": facts = facts with { Country = value }; return true;
            case "size": facts = facts with { Size = value }; return true;
            case "colour": facts = facts with { Colour = value }; return true;
            case "product": facts = facts with { Product = value }; return true;
            case "interest": facts = facts with { Interest = value }; return true;
            case "order": facts = facts with { Order = value }; return true;
            case "language": facts = facts with { Language = value }; return true;
            case "yes": facts = facts with { YesMeans = value }; return true;
            case "pending": facts = facts with { Pending = value }; return true;
            case "budget_min" when Number(value) is { } min: facts = facts with { BudgetMin = min }; return true;
            case "budget_max" when Number(value) is { } max: facts = facts with { BudgetMax = max }; return true;
            case "verify_failed" when Number(value) is { } all: facts = facts with { AllVerifyFailures = (int)all }; return true;
            case ['v', 'e', 'r', 'i', 'f', 'y', '_', 'f', 'a', 'i', 'l', 'e', 'd', '.', .. var order] when Number(value) is { } failures:
                facts = facts with { VerifyFailures = new Dictionary<string, int>(facts.VerifyFailures) { [order] = (int)failures } };
                return true;
            case "verified" when Orders(value) is { } verified: facts = facts with { Verified = verified }; return true;
            case "verified_email" when Orders(value) is { } byEmail: facts = facts with { VerifiedByEmail = byEmail }; return true;
            default: return false;
        }
    }

    private static decimal? Number(string value) =>
        decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : null;

    private static IReadOnlyList<string> List(string json, IReadOnlyList<string> otherwise)
    {
        try { return JsonSerializer.Deserialize(json, ContextJsonContext.Default.ListString) ?? otherwise; }
        catch (JsonException) { return otherwise; }
    }

    private static Dictionary<string, string>? Orders(string json)
    {
        try { return JsonSerializer.Deserialize(json, ContextJsonContext.Default.DictionaryStringString); }
        catch (JsonException) { return null; }
    }
}
