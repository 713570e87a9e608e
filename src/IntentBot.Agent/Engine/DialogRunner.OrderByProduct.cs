using System.Text.RegularExpressions;
using IntentBot.Agent.Dialogs;
using IntentBot.Agent.Slots;
using IntentBot.Context.State;
using IntentBot.Shop;
using static IntentBot.Agent.Engine.ReplyBuilder;

namespace IntentBot.Agent.Engine;

/// <summary>
/// A signed-in customer names the order by what is in it ("i want to return my jacket", "the headphones" at the
/// question for the order number): the bot knows their orders, so one that holds that product is the order, and
/// where several do, the customer picks one of them instead of being told "that doesn't look like an order number".
/// </summary>
internal sealed partial class DialogRunner
{
    /// <summary>True when the message named the dialog's order by its product (or as the last one): the slot is filled (one order) or the
    /// customer is asked which of their orders holding it (several); false when it named none of their orders.</summary>
    private async Task<bool> TryOrderByProductAsync(Turn t, DialogDefinition dialog, string text, CancellationToken ct)
    {
        if (!t.SignedIn || guests is null || Entities.Read(text).OrderNumber is not null) return false;
        if (dialog.Slots.FirstOrDefault(s => s.Type == SlotValidators.OrderNumber) is not { } slot || t.Get(dialog.Intent, slot.Name) is not null) return false;
        // The products' names are English: a Chinese answer names its kind ("耳机" → headphones).
        var words = ProductWords(Language.Detect(text) == Language.Chinese ? Interests.CategoryIn(text) ?? "" : text);
        var last = Cues.MeansLastOrder(text);
        if (words.Count == 0 && !last) return false;
        var orders = await CustomerOrdersAsync(t, ct);
        var holding = orders.Where(o => last || o.Lines.Any(l => ProductWords(l.Name).Overlaps(words))).OrderByDescending(o => o.PlacedAt).ToList();
        // "my last order": the newest (of those holding the product named, if one was).
        if (last && holding.Count > 0) holding = [holding[0]];
        // Two orders of the same headphones, one returned long ago: the open one is meant, except for a refund's progress.
        if (holding.Count > 1 && dialog.Intent != TrackRefund)
        {
            var open = holding.Where(o => o.Status is not (OrderStatus.Cancelled or OrderStatus.Returned or OrderStatus.Refunded)).ToList();
            if (open.Count > 0) holding = open;
        }
        if (holding.Count == 0) return false;
        if (holding.Count == 1)
        {
            t.Set(dialog.Intent, slot.Name, holding[0].Number);
            t.Update(dialog.Intent, p => p with { Tries = 0 });
            await AdvanceAsync(t, dialog, ct);
            return true;
        }
        var choices = holding.Take(4).ToList();
        t.Update(dialog.Intent, p => p with { Asked = DialogQuestion.Slot, AskedSlot = slot.Name });
        var list = Listing(choices, o => o.Lines.First(l => ProductWords(l.Name).Overlaps(words)));
        replies.Say(t, Localised(t, HelpTexts.WhichOfYourOrders(list), HelpTexts.Zh.WhichOfYourOrders(list)), [.. choices.Select(o => o.Number)]);
        return true;
    }

    /// <summary>
    /// After the order number was asked again because the shopper said "no", "i don't know" or "不知道": a signed-in
    /// customer is shown their recent orders to pick from, a guest where to find the number (and a person).
    /// </summary>
    private async Task HelpWithoutNumberAsync(Turn t, CancellationToken ct)
    {
        if (t.Said.OrderNumber is not null || (Cues.ShortYesNo(t.Text) is null && !Cues.DoesNotKnowNumber(t.Text))) return;
        if (!t.SignedIn || guests is null)
        {
            replies.Say(t, Localised(t, HelpTexts.WhereIsTheNumber, HelpTexts.Zh.WhereIsTheNumber), [EngineTexts.TalkToPerson + "|" + EngineTexts.TalkToPersonText]);
            return;
        }
        var recent = (await CustomerOrdersAsync(t, ct)).OrderByDescending(o => o.PlacedAt).Take(4).ToList();
        if (recent.Count == 0) return;
        var list = Listing(recent, o => o.Lines[0]);
        replies.Say(t, Localised(t, HelpTexts.YourRecentOrders(list), HelpTexts.Zh.YourRecentOrders(list)), [.. recent.Select(o => o.Number)]);
    }

    /// <summary>The signed-in customer's orders; none when the shop cannot be reached (the question is asked as usual).</summary>
    private async Task<IReadOnlyList<Order>> CustomerOrdersAsync(Turn t, CancellationToken ct)
    {
        try { return await guests!.OrdersOfAsync(t.UserId, ct); }
        catch (ShopUnavailableException) { return []; }
    }

    /// <summary>"W100070 (Zenfit Non-Slip Yoga Mat 6 mm …, 2 December 2026); ...": each order by the line that names it.</summary>
    private static string Listing(IEnumerable<Order> orders, Func<Order, OrderLine> line) =>
        string.Join("; ", orders.Select(o => $"{o.Number} ({line(o).Name}{(o.Lines.Count > 1 ? " …" : "")}, {o.PlacedAt:d MMMM yyyy})"));

    /// <summary>The words of a message or a product name that can name a product: four letters or more, not the
    /// words of the request itself, a plural "s" taken off ("shoes" names "Running Shoes").</summary>
    private static HashSet<string> ProductWords(string text) =>
        [.. LetterWords().Matches(text.ToLowerInvariant()).Select(m => m.Value).Where(w => w.Length >= 4 && !RequestWords.Contains(w))
            .Select(w => w.EndsWith('s') && w.Length > 4 ? w[..^1] : w)];

    private static readonly HashSet<string> RequestWords =
    [
        "order", "orders", "item", "items", "thing", "things", "stuff", "parcel", "package", "purchase", "want", "wanna", "need", "would",
        "like", "return", "cancel", "refund", "change", "track", "where", "when", "what", "which", "that", "this", "these", "those", "with",
        "from", "have", "please", "thanks", "thank", "back", "send", "money", "address", "delivery", "ordered", "bought", "one", "just",
        "still", "arrived", "broken", "damaged", "wrong", "size", "colour", "color", "black", "white", "blue", "green", "there", "here",
        "your", "mine", "about", "invoice", "receipt", "status", "again", "instead", "actually",
    ];

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex LetterWords();
}
