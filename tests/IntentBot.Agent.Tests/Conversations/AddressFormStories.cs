using IntentBot.Agent.Tests.Infrastructure;

namespace IntentBot.Agent.Tests.Conversations;

/// <summary>
/// The new delivery address: taken from the request and from each answer (street and number, postcode and city,
/// country), asked only for what is missing, never a stop phrase saved as a street, the shipping region checked as
/// soon as the country is known, and the whole address confirmed before it is saved. Scripted readings: the
/// shopper's words from the QA run, as the model read them there ("forget it, cancel" as cancel_order, 0.98).
/// </summary>
public sealed class AddressFormStories
{
    private static ScriptedClassifier Script() => Scripted.NewScript()
        .Reads("change address on W100002 to Lindenstr 5, 04109 Leipzig", Reading.Of("change_shipping_address", 0.99))
        .Reads("change address on W100002 to Mariahilfer Str 1, 1060 Wien, Austria", Reading.Of("change_shipping_address", 0.99))
        .Reads("I need to change the shipping address of order W100002", Reading.Of("change_shipping_address", 0.99))
        .Reads("change the address on W100007", Reading.Of("change_shipping_address", 0.99))
        .Reads("Germany", Reading.OffTopic(0.8))
        .Reads("Anna Schmidt", Reading.OffTopic(0.9))
        .Reads("yes", Reading.OffTopic(0.47))
        .Reads("Musterweg 1", Reading.Of("greeting", 0.27))
        .Reads("12345 Berlin", Reading.OffTopic(0.99))
        .Reads("Musterweg 1, 1010 Wien, AT", Reading.OffTopic(0.9))
        .Reads("Hauptstrasse", Reading.OffTopic(0.6))
        .Reads("forget it, cancel", Reading.Of("cancel_order", 0.98))
        .Reads("nvm", Reading.OffTopic(0.7))
        .Reads("never mind, keep the old one", Reading.OffTopic(0.7))
        .Reads("8010", Reading.OffTopic(0.71));

    [Fact]
    public async Task The_address_in_the_request_is_taken_and_only_the_missing_country_and_name_are_asked()
    {
        var harness = AgentHarness.Create(classifier: Script());
        var chat = harness.Start("c1001");
        (await chat.SayAsync("change address on W100002 to Lindenstr 5, 04109 Leipzig")).Says("Which country").DoesNotSay("street", "postal code", "Which city");
        (await chat.SayAsync("Germany")).Says("full name");
        (await chat.SayAsync("Anna Schmidt")).Says("Send order W100002 to Anna Schmidt, Lindenstr 5, 04109 Leipzig, DE?");
        (await chat.SayAsync("yes")).Says("Done");
        var address = (await harness.Shop.GetOrderAsync("W100002"))!.ShippingAddress;
        Assert.Equal(("Lindenstr 5", "04109", "Leipzig", "DE"), (address.Line1, address.PostalCode, address.City, address.Country));
    }

    [Fact]
    public async Task Postcode_and_city_in_one_answer_are_both_taken()
    {
        var chat = AgentHarness.Create(classifier: Script()).Start("c1001");
        (await chat.SayAsync("I need to change the shipping address of order W100002")).Says("street");
        (await chat.SayAsync("Musterweg 1")).Says("postal code");
        (await chat.SayAsync("12345 Berlin")).Says("Which country").DoesNotSay("Which city");
    }

    [Fact]
    public async Task A_country_in_another_shipping_region_is_refused_as_soon_as_it_is_said()
    {
        var chat = AgentHarness.Create(classifier: Script()).Start("c1001");
        (await chat.SayAsync("change address on W100002 to Mariahilfer Str 1, 1060 Wien, Austria"))
            .Says("ships within Germany", "European Union").DoesNotSay("full name", "Send order").Offers("Cancel an order");
        Assert.Null((await chat.StateAsync()).ActiveDialog);
    }

    [Fact]
    public async Task A_country_in_another_region_given_in_an_answer_is_refused_before_the_name_is_asked()
    {
        var chat = AgentHarness.Create(classifier: Script()).Start("c1001");
        (await chat.SayAsync("I need to change the shipping address of order W100002")).Says("street");
        (await chat.SayAsync("Musterweg 1, 1010 Wien, AT")).Says("ships within Germany").DoesNotSay("full name", "Send order");
    }

    [Fact]
    public async Task A_street_needs_letters_and_a_house_number()
    {
        var chat = AgentHarness.Create(classifier: Script()).Start("c1001");
        (await chat.SayAsync("I need to change the shipping address of order W100002")).Says("street");
        (await chat.SayAsync("yes")).Says("house number").DoesNotSay("postal code");
        (await chat.SayAsync("Hauptstrasse")).Says("house number").DoesNotSay("postal code");
        (await chat.SayAsync("Musterweg 1")).Says("postal code");
    }

    [Theory]
    [InlineData("forget it, cancel")]
    [InlineData("nvm")]
    [InlineData("never mind, keep the old one")]
    public async Task A_stop_phrase_at_the_street_ends_the_form_and_keeps_the_address(string stop)
    {
        var harness = AgentHarness.Create(classifier: Script());
        var chat = harness.Start("c1003");
        (await chat.SayAsync("change the address on W100007")).Says("street");
        (await chat.SayAsync(stop)).Says("address of order W100007 stays as it was").DoesNotSay("postal code", "Shall I cancel");
        var state = await chat.StateAsync();
        Assert.Null(state.ActiveDialog);
        Assert.Empty(state.SuspendedDialogs);
        Assert.Equal("Rue de la Paix 54", (await harness.Shop.GetOrderAsync("W100007"))!.ShippingAddress.Line1);
    }

    [Fact]
    public async Task A_stop_phrase_later_in_the_form_ends_it_too()
    {
        var chat = AgentHarness.Create(classifier: Script()).Start("c1003");
        (await chat.SayAsync("change the address on W100007")).Says("street");
        (await chat.SayAsync("Musterweg 1")).Says("postal code");
        (await chat.SayAsync("8010")).Says("Which city");
        (await chat.SayAsync("forget it, cancel")).Says("stays as it was");
        Assert.Null((await chat.StateAsync()).ActiveDialog);
    }
}
