using IntentBot.Agent.Dialogs;
using IntentBot.Agent.Engine;
using IntentBot.Agent.Slots;

namespace IntentBot.Agent.Tests.Engine.Parts;

public sealed class SlotFillerTests
{
    private static DialogDefinition Dialog(string intent, params (string Name, string Type)[] slots) => new()
    {
        Intent = intent,
        Slots = [.. slots.Select(s => new SlotDefinition { Name = s.Name, Type = s.Type })],
    };

    [Fact]
    public void The_starting_message_and_the_conversations_memory_fill_what_they_can()
    {
        var t = TurnFor.Message("where is it? my e-mail was given before");
        t.Memory.Email = "ada@example.com";
        t.Memory.Order = "W100001";
        var track = Dialog("track_order", ("order_number", SlotValidators.OrderNumber), ("email", SlotValidators.Email), ("note", SlotValidators.Text));

        SlotFiller.Prefill(t, track, "when will it arrive", orderNumber: null);

        Assert.Equal("W100001", t.Get("track_order", "order_number")); // "it" refers back to the order discussed
        Assert.Equal("ada@example.com", t.Get("track_order", "email"));
        Assert.Null(t.Get("track_order", "note")); // free text is never taken from the starting message
    }

    [Fact]
    public void A_named_order_wins_over_the_one_discussed()
    {
        var t = TurnFor.Message("where is W100002");
        t.Memory.Order = "W100001";
        SlotFiller.Prefill(t, Dialog("track_order", ("order_number", SlotValidators.OrderNumber)), "where is W100002", orderNumber: null);
        Assert.Equal("W100002", t.Get("track_order", "order_number"));
    }

    [Fact]
    public void One_answer_fills_every_address_part_it_gives()
    {
        var address = Dialog("change_shipping_address",
            ("street", SlotValidators.Street), ("postcode", SlotValidators.PostalCode), ("city", SlotValidators.City));
        var t = TurnFor.Message("Musterweg 1, 12345 Berlin");

        Assert.True(SlotFiller.IsAddressForm(address));
        Assert.True(SlotFiller.FillAddress(t, address, SlotValidators.Street, t.Text));
        Assert.Equal(("Musterweg 1", "12345", "Berlin"),
            (t.Get(address.Intent, "street"), t.Get(address.Intent, "postcode"), t.Get(address.Intent, "city")));
        Assert.False(SlotFiller.FillAddress(TurnFor.Message("forget it"), address, SlotValidators.Street, "forget it"));
    }

    [Theory]
    [InlineData(SlotValidators.Product, "the Ferro pan", true)]
    [InlineData(SlotValidators.Product, "where is my order W100001 please", false)]
    [InlineData(SlotValidators.OrderNumber, "is W100001 shipped yet?", false)]
    [InlineData(SlotValidators.Text, "Flat 3, back door", true)]
    [InlineData(SlotValidators.Text, "can you tell me how returns work", false)]
    [InlineData(SlotValidators.Email, "my e-mail is ada@example.com and please hurry", true)]
    public void An_accepted_value_reads_as_the_answer_only_when_it_looks_like_one(string type, string text, bool answer) =>
        Assert.Equal(answer, SlotFiller.LooksLikeAnswer(type, text));
}
