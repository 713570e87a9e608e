using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using IntentBot.Agent.Cards;
using IntentBot.Agent.CustomerContext;
using IntentBot.Agent.Dialogs;
using IntentBot.Agent.Handoff;
using IntentBot.Agent.Llm;
using IntentBot.Agent.Slots;
using IntentBot.Agent.Templates;
using IntentBot.Protocol.Activities;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;

namespace IntentBot.Agent.Engine;

/// <summary>
/// One turn's decisions: continue or switch dialog, fill slots, confirm, act through the Kernel, answer.
/// Works on a <see cref="Turn"/> only; loading and saving state is the caller's job.
/// </summary>
internal sealed partial class DialogRunner(
    DialogCatalog catalog,
    TemplateRenderer renderer,
    IFreeFormResponder freeForm,
    AgentOptions options,
    TimeProvider clock,
    ILogger logger,
    ShopNameReading? shopNames = null,
    GuestVerification? guests = null,
    IntentBot.Shop.ICatalog? products = null,
    IntentBot.Nlu.ITextClassifier? classifier = null)
{
    private const string Await = "_await";
    private const string Tries = "_tries";
    private const string Confirmed = "_confirmed";
    private const string ConfirmSlot = "_confirm";
    private const string OutOfScope = "out_of_scope";
    private const string HumanIntent = "contact_human_agent";

    private static readonly JsonSerializerOptions ResultJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public async Task RunAsync(Turn t, CancellationToken ct)
    {
        var nlu = t.Nlu;
        var previousReply = t.Transcript.LastOrDefault(l => l.StartsWith("bot: ", StringComparison.Ordinal));
        t.Negative = Cues.IsNegative(t.Text, nlu.Sentiment.Label == "negative" && nlu.Sentiment.Confidence >= options.NegativeAbove, nlu.Sentiment.Confidence);
        t.Profile = t.Profile with { FrustrationStreak = t.Negative ? t.Profile.FrustrationStreak + 1 : 0, UpdatedUtc = clock.GetUtcNow() };
        t.AddTranscript("customer: " + t.Text, options.TranscriptLines);
        t.Said = Entities.Read(t.Text);
        t.Memory.Learn(t.Said);
        if (Interests.CategoryIn(t.Text) is { } interest) t.Memory.Interest = interest;
        // The answer language follows the shopper's current message: Chinese for a Chinese one, English again for
        // English words (an e-mail address or an order number alone says nothing about the language).
        var language = Language.Detect(t.Text);
        if (language == Language.Chinese) t.Memory.Language = Language.Chinese;
        else if (language == Language.English && t.Memory.Language == Language.Chinese && Language.HasEnglishWords(t.Text))
            t.Memory.Language = Language.English;
        var askedYesNo = t.Memory.YesMeans;
        t.Memory.YesMeans = null; // a yes/no question outside a form is open for one turn only

        await DecideAsync(t, askedYesNo, ct);
        AvoidRepeatedRefusal(t, previousReply);
        OfferPendingRequest(t);

        if (t.Negative && !t.HandedOff && !t.Empathised) AddEmpathy(t);
        foreach (var reply in t.Replies.Where(r => r.Type == ActivityTypes.Message && r.Text is not null))
            t.AddTranscript("bot: " + reply.Text, options.TranscriptLines);
    }

    private async Task DecideAsync(Turn t, string? askedYesNo, CancellationToken ct)
    {
        var command = Commands.Parse(t.Text);
        if (command == Command.StartOver)
        {
            foreach (var dialog in t.Suspended.Append(t.Active).OfType<string>()) t.Clear(dialog);
            t.Active = null;
            t.Suspended.Clear();
            Say(t, EngineTexts.StartOver, EngineTexts.MainMenu);
            return;
        }
        if (command == Command.Cancel)
        {
            if (t.Active is null) { Say(t, EngineTexts.NothingToCancel, EngineTexts.MainMenu); return; }
            Finish(t, t.Active);
            Say(t, EngineTexts.Cancelled, EngineTexts.MainMenu);
            await ResumeAsync(t, ct);
            return;
        }

        // Repeated frustration wins over everything else: a person takes over.
        if (t.Profile.FrustrationStreak >= options.FrustrationHandoffStreak)
        {
            RecordIntent(t);
            Say(t, EngineTexts.HandoffFrustration);
            HandOff(t, "frustration");
            return;
        }

        // A dialog removed or renamed since the state was saved (a new release) is dropped, not crashed on.
        if (t.Active is { } stale && catalog.Find(stale) is null)
        {
            t.Clear(stale);
            t.Active = null;
        }
        // Asking for a person wins over any form: nobody should have to answer a question to reach a human.
        if (Cues.WantsPerson(t.Text) && catalog.Find(HumanIntent) is { } human && t.Active != HumanIntent)
        {
            t.Nlu = Cues.Read(t.Nlu, HumanIntent);
            RecordIntent(t);
            if (t.Active is { } form) t.Suspended.Add(form);
            t.Active = null;
            await StartAsync(t, human, ct);
            return;
        }
        if (await AnswerAsideAsync(t, ct)) return;
        if (t.Active is { } active)
        {
            var dialog = catalog.Get(active);
            if (await TryAnswerPendingAsync(t, dialog, ct)) return;
            if (IsConfidentNewIntent(t, active) is { } interruption)
            {
                RecordIntent(t);
                t.Suspended.Add(active);
                t.Active = null;
                await StartAsync(t, interruption, ct);
                return;
            }
            await RepromptAsync(t, dialog, ct);
            return;
        }

        // An out-of-scope verdict gets its second reading (any other comes back as it is) only here, with no dialog
        // waiting: an answer to "which product?" ("the Ferro pan") must still fill the slot.
        var split = classifier is not null && await SplitRequestsAsync(t, classifier, ct);
        if (!split) t.Nlu = ReadCues(t);
        if (await AnswerOutsideFormAsync(t, askedYesNo, ct)) return;
        if (shopNames is not null) t.Nlu = await shopNames.ReadAsync(t.Text, t.Nlu, ct);
        if (await TryShoppingReadingAsync(t, ct)) return;
        if (ProductNearTie(t)) t.Nlu = Cues.Read(t.Nlu, ProductInquiry);
        RecordIntent(t);
        // An upset shopper whose message the model is unsure of gets an apology and a person, not "did you mean".
        if (t.Negative && !t.Nlu.OutOfScope && t.Nlu.Intent.Confidence < options.ClarifyBelow)
        {
            Say(t, EngineTexts.UpsetUnsure, [EngineTexts.TalkToPerson + "|" + EngineTexts.TalkToPersonText, "@track_order", "@get_refund"]);
            t.Memory.YesMeans = "@" + HumanIntent;
            t.Empathised = true;
            return;
        }
        if (t.Nlu.OutOfScope)
        {
            await AnswerOutOfScopeAsync(t, ct);
            return;
        }
        if (t.Nlu.Intent.Confidence < options.ClarifyBelow)
        {
            Clarify(t);
            return;
        }
        await StartAsync(t, catalog.Get(t.Nlu.Intent.Label), ct);
    }

    private DialogDefinition? IsConfidentNewIntent(Turn t, string active)
    {
        var intent = t.Nlu.Intent;
        if (t.Nlu.OutOfScope || intent.Confidence < options.InterruptAbove || intent.Label == active) return null;
        return catalog.Find(intent.Label) is { Interrupts: true } dialog ? dialog : null;
    }

    private static void RecordIntent(Turn t) => t.RecentIntents.Add(t.Nlu.OutOfScope ? OutOfScope : t.Nlu.Intent.Label);

    /// <summary>Starts a dialog, taking what it can from the message that started it ("where is W100001") and what
    /// the conversation already knows (the order "it" refers to, the e-mail given before).</summary>
    /// <param name="source">The words to take slot values from (default: this message).</param>
    /// <param name="orderNumber">The order the dialog is about when the message points at it ("when will it arrive?").</param>
    private async Task StartAsync(Turn t, DialogDefinition dialog, CancellationToken ct, string? source = null, string? orderNumber = null)
    {
        t.Clear(dialog.Intent);
        t.Active = dialog.Intent;
        source ??= t.Text;
        // "W100008 says out for delivery but nothing came": the answer speaks to the concern, not just the status.
        if (Cues.ConcernIn(source) is { } concern) t.Set(dialog.Intent, Concern, concern);
        foreach (var slot in dialog.Slots.Where(s => s.Extract ?? s.Type != SlotValidators.Text))
        {
            var value = SlotValidators.Recognise(slot.Type, source, wholeAnswer: false) ?? slot.Type switch
            {
                SlotValidators.Country => Entities.Read(source).Country,
                SlotValidators.Email => t.Memory.Email,
                SlotValidators.OrderNumber => orderNumber ?? (Cues.RefersBack(source) || Cues.ConcernIn(source) == Cues.NotReceived ? t.Memory.Order : null),
                SlotValidators.Product when Cues.RefersBack(source) => t.Memory.Product,
                // "she loves cooking": no product named, but a kind of product to recommend from.
                SlotValidators.Product when dialog.Intent == Recommendation => Interests.CategoryIn(source) ?? t.Memory.Interest,
                // The catalog's names are English: a Chinese question names its kind of product ("耳机" → headphones).
                SlotValidators.Product when Language.Detect(source) == Language.Chinese => Interests.CategoryIn(source),
                _ => null,
            };
            if (value is not null) t.Set(dialog.Intent, slot.Name, value);
        }
        await AdvanceAsync(t, dialog, ct);
    }

    /// <summary>Asks for the next missing slot, or the confirmation, or completes the dialog. A guest proves the
    /// order is theirs before anything about it is said; the checks run as soon as their inputs are known, so a
    /// slot that is asked only when a check allows it ("ask_when") is never collected for nothing.</summary>
    private async Task AdvanceAsync(Turn t, DialogDefinition dialog, CancellationToken ct)
    {
        var id = dialog.Intent;
        if (!await GuestMayProceedAsync(t, dialog, ct)) return;
        t.Outputs.Clear();
        var variables = Variables(t, dialog);
        var checked_ = false;
        foreach (var slot in dialog.Slots)
        {
            if (t.Get(id, slot.Name) is not null || t.Get(id, "_skip." + slot.Name) is not null) continue;
            if (slot.AskWhen is not null)
            {
                if (!checked_)
                {
                    if (!await RunActionsAsync(t, dialog, dialog.Checks, variables, ct)) { await FailAsync(t, dialog, ct); return; }
                    checked_ = true;
                }
                if (!Condition.Parse(slot.AskWhen).Holds(variables)) continue;
            }
            t.Set(id, Await, slot.Name);
            var prompt = await RenderAsync(t, dialog, Localised(t, slot.Prompt, slot.Translations), ct);
            Say(t, prompt, slot.Suggestions.Count > 0 ? slot.Suggestions : null);
            return;
        }
        if (!checked_ && !await RunActionsAsync(t, dialog, dialog.Checks, variables, ct)) { await FailAsync(t, dialog, ct); return; }
        if (dialog.Confirm is { } confirm && t.Get(id, Confirmed) is null
            && (confirm.When is null || Condition.Parse(confirm.When).Holds(variables)))
        {
            t.Set(id, Await, ConfirmSlot);
            Say(t, await renderer.RenderAsync(Localised(t, confirm.Prompt, confirm.Translations), variables, ct), ["Yes", "No"]);
            return;
        }
        await CompleteAsync(t, dialog, variables, ct);
    }

    /// <summary>True when the message answers what the active dialog is waiting for.</summary>
    private async Task<bool> TryAnswerPendingAsync(Turn t, DialogDefinition dialog, CancellationToken ct)
    {
        var id = dialog.Intent;
        var awaiting = t.Get(id, Await);
        if (awaiting == ConfirmSlot)
        {
            switch (SlotValidators.ParseYesNo(t.Text))
            {
                case "yes":
                    t.Set(id, Confirmed, "yes");
                    await AdvanceAsync(t, dialog, ct);
                    return true;
                case "no":
                    await DeclineAsync(t, dialog, ct);
                    return true;
                default:
                    return false;
            }
        }
        if (awaiting == VerifySlot) return await TryVerifyAsync(t, dialog, ct);
        var slot = dialog.Slots.FirstOrDefault(s => s.Name == awaiting);
        if (slot is null) return false;
        if (await TryAnswerAddressAsync(t, dialog, slot, ct) is { } address) return address;
        if (SlotValidators.Recognise(slot.Type, t.Text, wholeAnswer: true) is { } value)
        {
            // A product or free-text slot takes almost any words, so a clearly different request must not be swallowed
            // as its value; nor is a bare "yes" anybody's name or street. An order number inside a clearly different
            // request ("can I cancel order W100002 and ...") belongs to that request, not to the open question.
            if (!LooksLikeAnswer(slot.Type, t.Text) && IsConfidentNewIntent(t, id) is not null)
                return false;
            if (slot.Type == SlotValidators.Text && Cues.ShortYesNo(value) is not null)
                return false;
            t.Set(id, slot.Name, value);
            t.Set(id, Tries, null);
            await AdvanceAsync(t, dialog, ct);
            return true;
        }
        if (slot.Optional && (IsConfidentNewIntent(t, id) is null || LooksLikeData(t.Text)))
        {
            t.Set(id, "_skip." + slot.Name, "1");
            await AdvanceAsync(t, dialog, ct);
            return true;
        }
        return false;
    }

    private async Task RepromptAsync(Turn t, DialogDefinition dialog, CancellationToken ct)
    {
        var id = dialog.Intent;
        var tries = int.Parse(t.Get(id, Tries) ?? "0", CultureInfo.InvariantCulture) + 1;
        if (tries >= dialog.Escalation.MaxAttempts)
        {
            Finish(t, id);
            Say(t, EngineTexts.GiveUp, [EngineTexts.TalkToPerson + "|" + EngineTexts.TalkToPersonText, .. EngineTexts.MainMenu.Take(3)]);
            return;
        }
        t.Set(id, Tries, tries.ToString(CultureInfo.InvariantCulture));
        var awaiting = t.Get(id, Await);
        if (awaiting == ConfirmSlot)
        {
            Say(t, InLanguage(t, EngineTexts.ConfirmAgain) + " " + await RenderAsync(t, dialog, Localised(t, dialog.Confirm!.Prompt, dialog.Confirm.Translations), ct), ["Yes", "No"]);
            return;
        }
        var slot = dialog.Slots.FirstOrDefault(s => s.Name == awaiting);
        if (slot is null)
        {
            // The pending slot no longer exists in this dialog's definition: ask for whatever is missing now.
            await AdvanceAsync(t, dialog, ct);
            return;
        }
        Say(t, await RenderAsync(t, dialog, Localised(t, slot.Retry ?? slot.Prompt, slot.Retry is null ? slot.Translations : slot.RetryTranslations), ct),
            slot.Suggestions.Count > 0 ? slot.Suggestions : null);
    }

    /// <summary>Every slot is filled (and confirmed): run the actions, answer, end the dialog, resume a suspended one.</summary>
    private async Task CompleteAsync(Turn t, DialogDefinition dialog, Dictionary<string, string> variables, CancellationToken ct)
    {
        var id = dialog.Intent;
        if (!await RunActionsAsync(t, dialog, dialog.Actions, variables, ct)) { await FailAsync(t, dialog, ct); return; }
        foreach (var slot in dialog.Slots.Where(s => s.Type == SlotValidators.Product))
            if (t.Get(id, slot.Name) is { } product) t.RememberSearch(product);

        var response = dialog.Responses.FirstOrDefault(r => r.When is null || Condition.Parse(r.When).Holds(variables)) ?? dialog.Responses[^1];
        var text = await renderer.RenderAsync(Localised(t, response.Text, response.Translations), variables, ct);
        Say(t, text, response.Suggestions ?? (dialog.Suggestions.Count > 0 ? dialog.Suggestions : null), Cards(t, response.Card));
        RememberSubject(t, response.Card, variables);
        foreach (var followup in dialog.Followups.Where(f => f.When is null || Condition.Parse(f.When).Holds(variables)))
            Say(t, await renderer.RenderAsync(Localised(t, followup.Text, followup.Translations), variables, ct), followup.Suggestions);

        Finish(t, id);
        if (response.Handoff)
        {
            HandOff(t, id == HumanIntent ? "requested" : "escalation");
            return;
        }
        await ResumeAsync(t, ct);
    }

    /// <summary>Calls plugin functions through the Kernel; false when one failed (the shop is unreachable).</summary>
    private async Task<bool> RunActionsAsync(Turn t, DialogDefinition dialog, List<ActionDefinition> actions, Dictionary<string, string> variables, CancellationToken ct)
    {
        foreach (var action in actions)
        {
            if (action.When is not null && !Condition.Parse(action.When).Holds(variables)) continue;
            var function = DialogValidator.FindFunction(renderer.Kernel, action.Function)!;
            var arguments = new KernelArguments();
            foreach (var (name, template) in action.Arguments)
            {
                // An empty optional argument is left out, so the function's default applies (not "").
                var value = await renderer.RenderAsync(template, variables, ct);
                if (value.Length > 0) arguments[name] = value;
            }
            try
            {
                var result = await function.InvokeAsync(renderer.Kernel, arguments, ct);
                if (action.Output is not null) Store(t, variables, action.Output, result.GetValue<object>());
                if (action.When is not null && Condition.Parse(action.When).Variables.Contains(BuiltInVariables.PurchaseIntentHigh))
                    t.Slots["_promotion_offered"] = "1"; // one offer per conversation is enough
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A shop outage must not break the conversation: say so and keep the state consistent.
                logger.LogWarning(e, "Action {Function} of dialog {Dialog} failed", action.Function, dialog.Intent);
                return false;
            }
        }
        return true;
    }

    private async Task FailAsync(Turn t, DialogDefinition dialog, CancellationToken ct)
    {
        Finish(t, dialog.Intent);
        Say(t, EngineTexts.ActionFailed, [EngineTexts.TalkToPerson + "|" + EngineTexts.TalkToPersonText]);
        await ResumeAsync(t, ct);
    }

    private static void Store(Turn t, Dictionary<string, string> variables, string output, object? value)
    {
        JsonElement json;
        if (value is null) { variables[output] = ""; return; }
        if (value is string s)
        {
            variables[output] = s;
            var trimmed = s.TrimStart();
            if (!(trimmed.StartsWith('{') || trimmed.StartsWith('['))) return;
            try { json = JsonDocument.Parse(s).RootElement.Clone(); }
            catch (JsonException) { return; }
        }
        else json = JsonSerializer.SerializeToElement(value, value.GetType(), ResultJson);
        t.Outputs[output] = json;
        // Shop replies print as their customer-ready sentence ({{$order}}); their fields are order_text, order_data_status, ...
        if (value is not string) variables[output] = Scalar(json) ?? (value.ToString() is { } text && text != value.GetType().ToString() ? text : json.GetRawText());
        Flatten(variables, output, json, depth: 0);
    }

    /// <summary>JSON fields become variables: order.status → order_status, order.shipment.carrier → order_shipment_carrier.</summary>
    private static void Flatten(Dictionary<string, string> variables, string prefix, JsonElement json, int depth)
    {
        if (json.ValueKind == JsonValueKind.Array)
        {
            // Lists give their size and their first element (the best match): products_count, products_first_id.
            variables[prefix + "_count"] = json.GetArrayLength().ToString(CultureInfo.InvariantCulture);
            if (json.GetArrayLength() > 0 && depth <= 3)
            {
                var first = json[0];
                variables[prefix + "_first"] = Scalar(first) ?? first.GetRawText();
                Flatten(variables, prefix + "_first", first, depth + 1);
            }
            return;
        }
        if (json.ValueKind != JsonValueKind.Object || depth > 3) return;
        foreach (var property in json.EnumerateObject())
        {
            var name = prefix + "_" + JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name);
            variables[name] = Scalar(property.Value) ?? property.Value.GetRawText();
            // Statuses are snake_case words; Chinese answers say them as order_status_zh.
            if (name.EndsWith("_status", StringComparison.Ordinal) && EngineTexts.Zh.Status(variables[name]) is { } zh) variables[name + "_zh"] = zh;
            Flatten(variables, name, property.Value, depth + 1);
        }
    }

    private static string? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.TryGetDecimal(out var d) ? d.ToString(CultureInfo.InvariantCulture) : value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "",
        _ => null,
    };

    private static IReadOnlyList<Attachment> Cards(Turn t, string? card)
    {
        if (card is null) return [];
        var parts = card.Split(':', 2);
        if (!t.Outputs.TryGetValue(parts[1], out var json)) return [];
        return parts[0] switch
        {
            "order" => AdaptiveCards.Order(json, CardLanguage(t)) is { } a ? [a] : [],
            "product" => AdaptiveCards.Product(json, CardLanguage(t)) is { } p ? [p] : [],
            _ => AdaptiveCards.Products(json, language: CardLanguage(t)),
        };
    }

    /// <summary>After a dialog ends: go back to the one it interrupted, asking its pending question again.</summary>
    private async Task ResumeAsync(Turn t, CancellationToken ct)
    {
        if (t.Suspended.Count == 0 || t.HandedOff) return;
        var id = t.Suspended[^1];
        t.Suspended.RemoveAt(t.Suspended.Count - 1);
        var dialog = catalog.Find(id);
        if (dialog is null) { t.Clear(id); await ResumeAsync(t, ct); return; }
        t.Active = id;
        Say(t, Localised(t, EngineTexts.Resume(dialog.Title.ToLowerInvariant()), EngineTexts.Zh.Resume(TitleOf(t, dialog))));
        await AdvanceAsync(t, dialog, ct);
    }

    private static void Finish(Turn t, string id)
    {
        t.Clear(id);
        if (t.Active == id) t.Active = null;
    }

    private async Task AnswerOutOfScopeAsync(Turn t, CancellationToken ct)
    {
        var request = new FreeFormRequest(t.UserId, t.ConversationId, t.Text, t.Nlu.Intent.Label, t.Nlu.Intent.Confidence,
            t.Nlu.OutOfScope, t.Nlu.Sentiment.Label, t.Transcript);
        string? answer = null;
        try { answer = await freeForm.TryAnswerAsync(request, renderer.Kernel, ct); }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "The free-form responder failed; using the template answer");
        }
        if (!string.IsNullOrWhiteSpace(answer))
        {
            Say(t, answer, catalog.Get(OutOfScope).Suggestions);
            return;
        }
        await StartAsync(t, catalog.Get(OutOfScope), ct);
    }

    private void Clarify(Turn t)
    {
        var options = t.Nlu.Intents
            .Where(i => i.Label != OutOfScope && catalog.Find(i.Label) is not null)
            .Take(3)
            .Select(i => "@" + i.Label)
            .ToList();
        if (options.Count == 0) options = [.. EngineTexts.MainMenu];
        Say(t, Localised(t, EngineTexts.Clarify, EngineTexts.Zh.Clarify), options);
    }

    private static void AddEmpathy(Turn t)
    {
        var first = t.Replies.FirstOrDefault(r => r.Type == ActivityTypes.Message);
        if (first is null) return;
        // A reply that already apologises (a complaint's own answer) gets no second apology, only the offer of a person.
        var empathy = Localised(t, EngineTexts.Empathy, EngineTexts.Zh.Empathy);
        var offerHuman = Localised(t, EngineTexts.OfferHuman, EngineTexts.Zh.OfferHuman);
        var space = t.Memory.Language == Language.Chinese ? "" : " "; // Chinese sentences follow each other without spaces
        first.Text = first.Text?.Contains("sorry", StringComparison.OrdinalIgnoreCase) == true || first.Text?.Contains("抱歉", StringComparison.Ordinal) == true
            ? first.Text + space + offerHuman
            : empathy + space + first.Text + space + offerHuman;
        var last = t.Replies.Last(r => r.Type == ActivityTypes.Message);
        last.SuggestedActions ??= new SuggestedActions();
        var talk = InLanguage(t, EngineTexts.TalkToPerson);
        if (!last.SuggestedActions.Actions.Any(a => a.Title == talk))
            last.SuggestedActions.Actions.Insert(0, CardAction.ImBack(talk, InLanguage(t, EngineTexts.TalkToPersonText)));
    }

    /// <summary>Marks the conversation as owned by a person; the record is queued once the turn is saved.</summary>
    private void HandOff(Turn t, string reason)
    {
        foreach (var dialog in t.Suspended.Append(t.Active).OfType<string>()) t.Clear(dialog);
        t.Active = null;
        t.Suspended.Clear();
        t.HandedOff = true;
        var lastIntent = t.RecentIntents.LastOrDefault() ?? "unknown";
        var summary = $"{reason}: last intent {lastIntent}, sentiment {t.Nlu.Sentiment.Label}, {t.Original.TurnCount + 1} turns; last message: \"{Shorten(t.Text)}\"";
        if (!t.Replies.Any(r => r.Type == ActivityTypes.Message)) Say(t, Localised(t, EngineTexts.HandoffNotice, EngineTexts.Zh.HandoffNotice));
        var transcript = t.Transcript.Concat(t.Replies.Where(r => r.Type == ActivityTypes.Message).Select(r => "bot: " + r.Text)).TakeLast(options.TranscriptLines).ToList();
        t.Handoff = new HandoffRecord(t.ConversationId, t.UserId, t.Incoming.ChannelId, reason, summary, transcript, clock.GetUtcNow());
        var handoffEvent = t.Incoming.CreateReply(type: ActivityTypes.Event);
        handoffEvent.Name = "handoff";
        handoffEvent.Value = JsonSerializer.SerializeToElement(t.Handoff, HandoffJsonContext.Default.HandoffRecord);
        t.Replies.Add(handoffEvent);
    }

    private static string Shorten(string text) => text.Length > 120 ? text[..120] + "…" : text;

    private Dictionary<string, string> Variables(Turn t, DialogDefinition dialog)
    {
        var interests = t.Signals.RecentSearches.Concat(t.Signals.RecentlyViewed).Concat(t.Searched)
            .Distinct(StringComparer.OrdinalIgnoreCase).TakeLast(6);
        var estimate = ChatPurchaseIntent.Estimate(t.Signals.PurchaseIntent, t.RecentIntents);
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [BuiltInVariables.Text] = t.Text,
            [BuiltInVariables.Intent] = t.Nlu.Intent.Label,
            [BuiltInVariables.UserId] = t.UserId,
            [BuiltInVariables.ConversationId] = t.ConversationId,
            [BuiltInVariables.CustomerName] = t.Profile.Name ?? "",
            [BuiltInVariables.Interests] = string.Join(" ", interests),
            [BuiltInVariables.Negative] = t.Negative ? "true" : "false",
            [BuiltInVariables.PurchaseIntentHigh] = estimate >= options.PromotionAbove && !t.Slots.ContainsKey("_promotion_offered")
                && ChatPurchaseIntent.Hesitation.Contains(dialog.Intent) ? "true" : "false",
        };
        var memory = t.Memory;
        variables[BuiltInVariables.CustomerId] = CustomerId(t, dialog);
        variables[BuiltInVariables.Country] = memory.Country ?? "";
        variables[BuiltInVariables.BudgetMin] = memory.BudgetMin?.ToString(CultureInfo.InvariantCulture) ?? "";
        variables[BuiltInVariables.BudgetMax] = memory.BudgetMax?.ToString(CultureInfo.InvariantCulture) ?? "";
        variables[BuiltInVariables.Size] = memory.Size ?? "";
        variables[BuiltInVariables.Colour] = memory.Colour ?? "";
        variables[BuiltInVariables.SubjectProduct] = memory.Product ?? "";
        variables[BuiltInVariables.Language] = memory.Language ?? Language.English;
        variables[BuiltInVariables.SaidCode] = t.Said.Code ?? "";
        variables[BuiltInVariables.Concern] = t.Get(dialog.Intent, Concern) ?? "";
        foreach (var slot in dialog.Slots)
            variables[slot.Name] = t.Get(dialog.Intent, slot.Name) ?? "";
        // A budget alone ("something cheaper, under 100") refines the kind of product already being browsed.
        var refines = t.Said.BudgetMax is not null || t.Said.BudgetMin is not null;
        variables[BuiltInVariables.InterestCategory] = Interests.CategoryIn(t.Text)
            ?? (t.Get(dialog.Intent, "product") is { } named ? Interests.CategoryIn(named) : null)
            ?? (refines && dialog.Intent == Recommendation ? t.Memory.Interest : null) ?? "";
        return variables;
    }

    /// <summary>The text in the conversation's language when the dialog has it, else the English one.</summary>
    private static string Localised(Turn t, string text, Dictionary<string, string>? translations) =>
        t.Memory.Language is { } language && language != Language.English && translations is not null
            && translations.TryGetValue(language, out var translated) && translated.Length > 0 ? translated : text;

    private static string Localised(Turn t, string english, string chinese) =>
        t.Memory.Language == Language.Chinese ? chinese : english;

    /// <summary>An answer that carries data (a number, a postcode, a short name) rather than a new request.</summary>
    /// <summary>Whether a message reads as the answer to a product or free-text prompt rather than a new request:
    /// short, or (for free text such as a street) holding digits. An order number in a longer message is a new
    /// request at a product prompt ("where is my order W100001"), not the product's name.</summary>
    /// <summary>Whether a message that a slot's validator accepted reads as the answer rather than as a new request
    /// (other slot types recognise only what they ask for, so whatever they accept is the answer).</summary>
    private static bool LooksLikeAnswer(string slotType, string text) => slotType switch
    {
        SlotValidators.Product or SlotValidators.OrderNumber => IsShortAnswer(text),
        SlotValidators.Text => LooksLikeData(text),
        _ => true,
    };

    private static bool IsShortAnswer(string text) =>
        text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 3 && !text.Contains('?');

    private static bool LooksLikeData(string text) =>
        text.Any(char.IsDigit) || (text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 3 && !text.Contains('?'));

    /// <summary>The product or order a card showed becomes the subject that follow-ups refer to.</summary>
    private static void RememberSubject(Turn t, string? card, Dictionary<string, string> variables)
    {
        if (card?.Split(':', 2) is not [var kind, var output]) return;
        var id = kind switch
        {
            "products" => variables.GetValueOrDefault(output + "_data_products_first_id"),
            "product" => variables.GetValueOrDefault(output + "_data_id"),
            _ => null,
        };
        if (!string.IsNullOrEmpty(id)) t.Memory.Product = id;
        if (kind == "order" && variables.GetValueOrDefault(output + "_data_number") is { Length: > 0 } number) t.Memory.Order = number;
    }

    private Task<string> RenderAsync(Turn t, DialogDefinition dialog, string template, CancellationToken ct) =>
        renderer.RenderAsync(template, Variables(t, dialog), ct);

    /// <summary>Adds a message. A suggestion "@intent" becomes that dialog's button; "Title|text" sends text.</summary>
    private void Say(Turn t, string text, IEnumerable<string>? suggestions = null, IReadOnlyList<Attachment>? attachments = null)
    {
        var reply = t.Incoming.CreateReply(InLanguage(t, text));
        var actions = (suggestions ?? []).Select(s => ToAction(t, s)).OfType<CardAction>().ToList();
        if (actions.Count > 0) reply.SuggestedActions = new SuggestedActions { Actions = actions };
        if (attachments is { Count: > 0 })
        {
            reply.Attachments = [.. attachments];
            if (attachments.Count > 1) reply.AttachmentLayout = "carousel";
        }
        t.Replies.Add(reply);
    }
}
