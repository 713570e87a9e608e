using System.Text;
using IntentBot.Context.State;

namespace IntentBot.Context.Tests.Migration;

/// <summary>Conversations saved by the release that kept the engine's bookkeeping in the slots load into the typed fields.</summary>
public sealed class LegacySlotsTests
{
    // A conversation as that release wrote it (schema 1): a guest cancelling W100002 in Chinese, asked to confirm.
    private const string SchemaOne = """
        {"schema":1,"data":{"conversationId":"c1","userId":"u1","activeDialog":"cancel_order",
         "slots":{
           "cancel_order.order_number":"W100002",
           "cancel_order._await":"_confirm","cancel_order._tries":"1","cancel_order._concern":"not_received",
           "get_refund._await":"reason","get_refund._skip.comment":"1","get_refund._confirmed":"yes",
           "track_order._await":"_verify",
           "_transcript":"[\"customer: 我想取消订单 W100002\",\"bot: 确定要取消订单 W100002 吗？\"]",
           "_searched":"[\"Ferro pan\"]","_promotion_offered":"1",
           "_mem.language":"zh","_mem.order":"W100002","_mem.email":"ada@example.com","_mem.budget_max":"49.5",
           "_mem.yes":"@contact_human_agent","_mem.pending":"delivery_options|运费多少",
           "_mem.verify_failed.W100003":"2","_mem.verify_failed":"2",
           "_mem.verified":"{\"W100002\":\"c1001\"}","_mem.verified_email":"{\"W100002\":\"c1001\"}",
           "_mem.someday":"kept","cancel_order._someday":"kept too"},
         "suspendedDialogs":["get_refund"],"turnCount":3,"recentIntents":["cancel_order"],"lastSentiment":"neutral",
         "handedOff":false,"updatedUtc":"2026-11-23T10:00:00+00:00"}}
        """;

    private static ConversationState Read() => DocumentSerializer.DeserializeConversation(Encoding.UTF8.GetBytes(SchemaOne));

    [Fact]
    public void Dialog_bookkeeping_becomes_each_dialogs_progress()
    {
        var state = Read();
        var cancel = state.Progress["cancel_order"];
        Assert.Equal(DialogQuestion.Confirmation, cancel.Asked);
        Assert.Equal(1, cancel.Tries);
        Assert.Equal("not_received", cancel.Concern);
        var refund = state.Progress["get_refund"];
        Assert.Equal((DialogQuestion.Slot, "reason"), (refund.Asked, refund.AskedSlot));
        Assert.Equal(["comment"], refund.SkippedSlots);
        Assert.True(refund.Confirmed);
        Assert.Equal(DialogQuestion.GuestProof, state.Progress["track_order"].Asked);
    }

    [Fact]
    public void Conversation_memory_transcript_and_searches_become_typed_fields()
    {
        var state = Read();
        Assert.Equal(["customer: 我想取消订单 W100002", "bot: 确定要取消订单 W100002 吗？"], state.Transcript);
        Assert.Equal(["Ferro pan"], state.Searched);
        Assert.True(state.PromotionOffered);
        var facts = state.Facts;
        Assert.Equal(("zh", "W100002", "ada@example.com", 49.5m), (facts.Language, facts.Order, facts.Email, facts.BudgetMax));
        Assert.Equal(("@contact_human_agent", "delivery_options|运费多少"), (facts.YesMeans, facts.Pending));
        Assert.Equal(2, facts.VerifyFailures["W100003"]);
        Assert.Equal(2, facts.AllVerifyFailures);
        Assert.Equal("c1001", facts.Verified["W100002"]);
        Assert.Equal("c1001", facts.VerifiedByEmail["W100002"]);
    }

    [Fact]
    public void Slots_keep_the_dialogs_values_and_any_key_this_release_does_not_know()
    {
        var state = Read();
        Assert.Equal(new Dictionary<string, string>
        {
            ["cancel_order.order_number"] = "W100002",
            ["_mem.someday"] = "kept",
            ["cancel_order._someday"] = "kept too",
        }, state.Slots);
        Assert.Equal("cancel_order", state.ActiveDialog);
        Assert.Equal(["get_refund"], state.SuspendedDialogs);
    }

    [Fact]
    public void A_migrated_conversation_saves_and_reads_back_in_the_typed_form()
    {
        var migrated = Read();
        var again = DocumentSerializer.DeserializeConversation(DocumentSerializer.Serialize(migrated));
        Assert.Equal(migrated.Slots, again.Slots);
        Assert.Equal(migrated.Transcript, again.Transcript);
        Assert.Equal(migrated.Progress["get_refund"].SkippedSlots, again.Progress["get_refund"].SkippedSlots);
        Assert.Equal(migrated.Progress["cancel_order"] with { SkippedSlots = [] }, again.Progress["cancel_order"] with { SkippedSlots = [] });
        Assert.Equal(migrated.Facts.Verified, again.Facts.Verified);
        Assert.Equal(migrated.Facts with { VerifyFailures = null!, Verified = null!, VerifiedByEmail = null! },
            again.Facts with { VerifyFailures = null!, Verified = null!, VerifiedByEmail = null! });
    }

    [Fact]
    public void An_old_document_without_bookkeeping_reads_with_empty_typed_fields()
    {
        var state = DocumentSerializer.DeserializeConversation(Encoding.UTF8.GetBytes(
            """{"schema":1,"data":{"conversationId":"c1","userId":"u1","slots":{"track_order.order_number":"W1"},"turnCount":1}}"""));
        Assert.Empty(state.Progress);
        Assert.Empty(state.Transcript);
        Assert.Empty(state.Searched);
        Assert.Null(state.Facts.Language);
        Assert.Empty(state.Facts.Verified);
        Assert.Equal("W1", state.Slots["track_order.order_number"]);
    }

    [Fact]
    public void A_state_without_legacy_keys_is_left_as_it_is()
    {
        var state = new ConversationState { ConversationId = "c", UserId = "u", Slots = new Dictionary<string, string> { ["track_order.order_number"] = "W1" } };
        Assert.Same(state, LegacySlots.Migrate(state));
    }

    [Fact]
    public void A_damaged_legacy_list_keeps_the_typed_value_and_loses_nothing_else()
    {
        var state = LegacySlots.Migrate(new ConversationState
        {
            ConversationId = "c", UserId = "u", Transcript = ["customer: hi"],
            Slots = new Dictionary<string, string> { ["_transcript"] = "not json", ["_mem.size"] = "44" },
        });
        Assert.Equal(["customer: hi"], state.Transcript);
        Assert.Equal("44", state.Facts.Size);
        Assert.Empty(state.Slots);
    }
}
