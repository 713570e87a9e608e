using IntentBot.Agent.Tests.Infrastructure;
using static IntentBot.Agent.Tests.Infrastructure.Scripted;

namespace IntentBot.Agent.Tests.Rules;

/// <summary>
/// The engine's readings over an unsure or misleading model verdict, with a scripted classifier so each rule is
/// tested whatever the shipped model makes of the words: a kind of product or an interest becomes a
/// recommendation within the budget; a product/stock near-tie is the product answer; "it's too small" offers an
/// exchange; a neutral question gets no apology; an upset and unplaced message gets a person, not a menu.
/// </summary>
public sealed class ShopperReadingTests
{
    [Fact]
    public async Task An_interest_the_model_puts_out_of_scope_is_a_recommendation_from_its_category_within_the_budget()
    {
        const string Cooking = "she loves cooking, under 50";
        var chat = AgentHarness.Create(classifier: NewScript().Reads(Cooking, Reading.OffTopic(0.9))).Start("guest-cook");
        var reply = await chat.SayAsync(Cooking);
        // The sample's cookware under €50: two frying pans (€32.99, €40.99); the €56.99 pan and the sheet set are not it.
        reply.Says("Frying Pan", "€32.99").DoesNotSay("€56.99", "Sheet", "can't help").ShowsCard("cookware.svg");
    }

    [Fact]
    public async Task A_kind_of_product_with_a_range_when_the_model_is_unsure_is_searched_in_that_range()
    {
        const string Headphones = "can you recommend headphones between 90 and 100 euros";
        var nlu = NewScript().Reads(Headphones, Reading.Of("recommendation", 0.4).Or("price_inquiry", 0.3));
        var reply = await AgentHarness.Create(classifier: nlu).Start("guest-hp").SayAsync(Headphones);
        reply.Says("€95.99", "€96.99").DoesNotSay("not sure I understood", "€117.99", "€249.99");
    }

    [Fact]
    public async Task A_product_and_stock_near_tie_about_a_named_product_is_the_product_answer()
    {
        const string Cloudrunner = "do you sell the Cloudrunner running shoes";
        var nlu = NewScript().Reads(Cloudrunner, Reading.Of("product_inquiry", 0.45).Or("stock_availability", 0.4));
        var reply = await AgentHarness.Create(classifier: nlu).Start("guest-cr").SayAsync(Cloudrunner);
        reply.Says("Stride Cloudrunner 3").DoesNotSay("not sure I understood", "Did you mean");
    }

    [Fact]
    public async Task Too_small_read_as_damage_offers_an_exchange_or_a_return()
    {
        const string Small = "it's too small";
        var nlu = NewScript().Reads(Small, Reading.Of("damaged_or_wrong_item", 0.58));
        var reply = await AgentHarness.Create(classifier: nlu).Start("guest-fit").SayAsync(Small);
        reply.Offers("Exchange an item").DoesNotSay("Which order");
    }

    [Fact]
    public async Task A_neutral_question_the_model_reads_as_mildly_negative_gets_no_apology()
    {
        const string Austria = "do you ship to Austria?";
        var nlu = NewScript().Reads(Austria, Reading.Of("delivery_options", 0.95).Negative(Defaults.NegativeAbove + 0.1));
        var reply = await AgentHarness.Create(classifier: nlu).Start("guest-at").SayAsync(Austria);
        reply.DoesNotSay("frustrating", "I'm sorry");
    }

    [Fact]
    public async Task An_upset_shopper_the_model_is_unsure_about_gets_an_apology_and_a_person_not_a_menu()
    {
        const string Upset = "this is a joke, nothing works and nobody answers";
        var nlu = NewScript().Reads(Upset, Reading.Of("complaint", 0.4).Or("payment_issue", 0.3).Negative(0.95));
        var reply = await AgentHarness.Create(classifier: nlu).Start("guest-upset").SayAsync(Upset);
        reply.Says("sorry").DoesNotSay("not sure I understood", "Did you mean").Offers("Talk to a person");
    }
}
