using IntentBot.Agent.Dialogs;

namespace IntentBot.Agent.Engine;

/// <summary>
/// Messages outside a form that are not requests of their own: another language, a bare order number, "yes" or
/// "no" to what the bot just asked, a short remark ("she loves cooking", "it's too small"), a follow-up about the
/// product or order under discussion.
/// </summary>
internal sealed partial class DialogRunner
{
    internal const string Recommendation = "recommendation";
    private const string ProductInquiry = "product_inquiry";
    private const string TrackOrder = "track_order";
    private const string PromoCode = "promo_code";
    private const string OpeningHours = "opening_hours";
    private const string ExchangeItem = "exchange_item";
    private const string DamagedOrWrong = "damaged_or_wrong_item";
    private const string GetRefund = "get_refund";
    private const string CancelOrder = "cancel_order";

    /// <summary>Cues over the model's reading (see <see cref="Cues"/>), for a message that starts something.</summary>
    private IntentBot.Nlu.Classification.ClassificationResult ReadCues(Turn t)
    {
        if (ReturnRequest(t)) return Cues.Read(t.Nlu, GetRefund);
        if (CancelRequest(t)) return Cues.Read(t.Nlu, CancelOrder);
        // "no, something cheaper" right after recommended headphones: cheaper headphones, not the shop's cheapest items.
        if (t.RecentIntents.LastOrDefault() == Recommendation && t.Memory.Interest is not null && t.Said.BudgetMax is not null
            && Interests.CategoryIn(t.Text) is null && t.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 6
            && catalog.Find(Recommendation) is not null)
            return Cues.Read(t.Nlu, Recommendation);
        if (Cues.AsksAboutNamedCode(t.Text) && t.Said.OrderNumber is null && catalog.Find(PromoCode) is not null) return Cues.Read(t.Nlu, PromoCode);
        if (OrderRequest(t) is { } order) return Cues.Read(t.Nlu, order);
        // "what if i opened it": returning an opened item is a return-policy question, never opening hours.
        if (Cues.AsksAboutOpenedItem(t.Text) && !Cues.AsksOpeningHours(t.Text) && catalog.Find(CheckRefundPolicy) is not null)
            return Cues.Read(t.Nlu, CheckRefundPolicy);
        if (Cues.AsksForCodes(t.Text) && catalog.Find(PromoCode) is not null) return Cues.Read(t.Nlu, PromoCode);
        if (Cues.AsksOpeningHours(t.Text) && catalog.Find(OpeningHours) is not null) return Cues.Read(t.Nlu, OpeningHours);
        if (Cues.ReportsDamage(t.Text) && catalog.Find(DamagedOrWrong) is not null) return Cues.Read(t.Nlu, DamagedOrWrong);
        if (Cues.AsksExchange(t.Text) && catalog.Find(ExchangeItem) is not null) return Cues.Read(t.Nlu, ExchangeItem);
        return t.Nlu;
    }

    /// <summary>
    /// "i want to return my jacket" (read 0.52 as the return policy, then as a jacket to recommend), "can i return
    /// W100003" (0.94 the policy, then tracked by its number): a return of the shopper's own item starts the return,
    /// unless the model reads it as damage, an exchange or another request about the order that the return would
    /// skip past.
    /// </summary>
    private bool ReturnRequest(Turn t)
    {
        if (!Cues.WantsToReturn(t.Text) || Cues.ReportsDamage(t.Text) || Cues.AsksExchange(t.Text) || catalog.Find(GetRefund) is null)
            return false;
        return UnsureOrSmallTalk(t) || ReadInsteadOfReturn.Contains(t.Nlu.Intent.Label);
    }

    /// <summary>"cancle my oder W100002" (read out of scope), "canel order W100002" (read 0.63 as placing an order):
    /// cancelling, whatever the typo made of it, unless the model reads another request about the order.</summary>
    private bool CancelRequest(Turn t)
    {
        if (!Cues.WantsToCancel(t.Text) || catalog.Find(CancelOrder) is null) return false;
        return UnsureOrSmallTalk(t) || t.Nlu.Intent.Label is TrackOrder or "place_order";
    }

    /// <summary>The model's reading leaves the request open: out of scope, below the clarify threshold, or small talk.</summary>
    private bool UnsureOrSmallTalk(Turn t) =>
        t.Nlu.OutOfScope || t.Nlu.Intent.Confidence < options.ClarifyBelow || Cues.IsSmallTalk(t.Nlu.Intent.Label);

    // What the model reads a return of one's own item as: the policy, tracking the order, the product it names.
    private static readonly HashSet<string> ReadInsteadOfReturn =
        [CheckRefundPolicy, TrackOrder, Recommendation, ProductInquiry, "stock_availability", "price_inquiry"];

    /// <summary>True when the message was answered here; false when it is a request for a dialog.</summary>
    private async Task<bool> AnswerOutsideFormAsync(Turn t, string? askedYesNo, CancellationToken ct)
    {
        switch (Language.Detect(t.Text))
        {
            case Language.Chinese:
                t.Nlu = ReadChineseWords(t.Nlu, t.Text);
                break;
            case Language.Unsupported:
                await AnswerForeignAsync(t, ct);
                return true;
        }

        if (Cues.IsBareOrderNumber(t.Text) && catalog.Find(TrackOrder) is { } track)
        {
            t.Nlu = Cues.Read(t.Nlu, TrackOrder);
            RecordIntent(t);
            await StartAsync(t, track, ct);
            return true;
        }
        if (await AnswerMalformedOrderNumberAsync(t, ct)) return true;

        var words = t.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        var namedSmallTalk = Cues.IsSmallTalk(t.Nlu.Intent.Label) && Cues.ConfirmsSmallTalk(t.Nlu.Intent.Label, t.Text);
        if (!namedSmallTalk && Cues.ShortYesNo(t.Text) is { } yesNo)
        {
            var agreedTo = askedYesNo is ['@', .. var offer] ? offer.Split('|', 2) : null;
            if (yesNo == "yes" && agreedTo is not null && catalog.Find(agreedTo[0]) is { } agreed)
            {
                t.Nlu = Cues.Read(t.Nlu, agreed.Intent);
                RecordIntent(t);
                await StartAsync(t, agreed, ct, source: agreedTo.Length > 1 ? agreedTo[1] : null);
                return true;
            }
            RecordIntent(t);
            replies.Say(t, yesNo == "yes" ? EngineTexts.YesNothingAsked : EngineTexts.NoNothingAsked, EngineTexts.MainMenu);
            return true;
        }

        if (await AnswerAboutSubjectAsync(t, ct)) return true;
        if (await AnswerFollowUpAsync(t, ct)) return true;

        var smallTalkWithoutWords = Cues.IsSmallTalk(t.Nlu.Intent.Label) && !Cues.ConfirmsSmallTalk(t.Nlu.Intent.Label, t.Text);
        // An out-of-scope verdict on a short remark that asks nothing ("she loves cooking") is a remark, not a request.
        var remark = t.Nlu.OutOfScope && words <= 5 && !t.Text.Contains('?') && !Cues.IsQuestion(t.Text);
        var unsure = smallTalkWithoutWords || t.Nlu.Intent.Confidence < options.ClarifyBelow || remark;
        // "it's too small": an exchange or a return, whatever the model makes of it (it tends to read damage).
        if (Cues.DoesNotFit(t.Text) && t.Said.OrderNumber is null && !Cues.ReportsDamage(t.Text)
            && t.Nlu.Intent.Label is not (ExchangeItem or GetRefund) && (unsure || t.Nlu.Intent.Label == DamagedOrWrong))
        {
            RecordIntent(t);
            replies.Say(t, EngineTexts.DoesNotFit, catalog.Find(ExchangeItem) is not null ? ["@" + ExchangeItem, "@get_refund"] : ["@get_refund", "@contact_human_agent"]);
            return true;
        }
        if (!unsure) return false;
        // An order number settles what an unsure reading was about: the likeliest order request, else tracking it.
        if (t.Said.OrderNumber is not null && !smallTalkWithoutWords)
        {
            var orderIntent = t.Nlu.Intents.Select(i => catalog.Find(i.Label)).OfType<DialogDefinition>()
                .FirstOrDefault(d => d.Slots.Any(s => s.Type == Slots.SlotValidators.OrderNumber)) ?? catalog.Find(TrackOrder);
            if (orderIntent is not null)
            {
                t.Nlu = Cues.Read(t.Nlu, orderIntent.Intent);
                RecordIntent(t);
                await StartAsync(t, orderIntent, ct);
                return true;
            }
        }
        if (Cues.DoesNotFit(t.Text))
        {
            RecordIntent(t);
            replies.Say(t, EngineTexts.DoesNotFit, catalog.Find(ExchangeItem) is not null ? ["@" + ExchangeItem, "@get_refund"] : ["@get_refund", "@contact_human_agent"]);
            return true;
        }
        if (await TryShoppingReadingAsync(t, ct)) return true;
        // A remark right after a recommendation refines it ("she loves cooking", "something cheaper").
        if (t.RecentIntents.LastOrDefault() is Recommendation or ProductInquiry && words <= 10 && catalog.Find(Recommendation) is { } recommend)
        {
            t.Nlu = Cues.Read(t.Nlu, Recommendation);
            RecordIntent(t);
            await StartAsync(t, recommend, ct);
            return true;
        }
        if (smallTalkWithoutWords)
        {
            RecordIntent(t);
            replies.Say(t, EngineTexts.TellMeMore, EngineTexts.MainMenu);
            return true;
        }
        return false;
    }

    /// <summary>
    /// A message the model could not place (out of scope, unsure, small talk without its words) that names a kind
    /// of product or an interest ("show me running shoes", "she loves cooking, under 50"): a recommendation from
    /// that part of the catalog, within the budget said.
    /// </summary>
    private async Task<bool> TryShoppingReadingAsync(Turn t, CancellationToken ct)
    {
        var unplaced = t.Nlu.OutOfScope || t.Nlu.Intent.Confidence < options.ClarifyBelow
            || (Cues.IsSmallTalk(t.Nlu.Intent.Label) && !Cues.ConfirmsSmallTalk(t.Nlu.Intent.Label, t.Text));
        // A product question the model was torn about ("do you sell the Cloudrunner running shoes") is about that
        // product, not its category.
        if (!unplaced || t.Said.OrderNumber is not null || ProductNearTie(t) || Interests.AsksAboutOneItem(t.Text) || Interests.CategoryIn(t.Text) is null
            || catalog.Find(Recommendation) is not { } recommend) return false;
        t.Nlu = Cues.Read(t.Nlu, Recommendation);
        RecordIntent(t);
        await StartAsync(t, recommend, ct);
        return true;
    }

    /// <summary>
    /// The model torn between "tell me about this product" and "is it in stock" (or its price): the product
    /// answer says both, so it is the answer rather than a question back.
    /// </summary>
    private bool ProductNearTie(Turn t)
    {
        if (t.Nlu.OutOfScope || t.Nlu.Intent.Confidence >= options.ClarifyBelow || t.Nlu.Intents.Count < 2) return false;
        var (first, second) = (t.Nlu.Intents[0], t.Nlu.Intents[1]);
        var product = new HashSet<string>(StringComparer.Ordinal) { ProductInquiry, "stock_availability", "price_inquiry" };
        return product.Contains(first.Label) && product.Contains(second.Label)
            && first.Confidence + second.Confidence >= options.ClarifyBelow && catalog.Find(ProductInquiry) is not null;
    }
}
