using IntentBot.Agent.Tests.Infrastructure;

namespace IntentBot.Agent.Tests.Conversations;

/// <summary>Account questions are answered from the shop's account FAQ, one story per intent.</summary>
public sealed class AccountStories
{
    [Theory]
    [InlineData("I want to create an account", "create_account")]
    [InlineData("please delete my account", "delete_account")]
    [InlineData("I need to change my account details", "edit_account")]
    [InlineData("how do I reset my password", "recover_password")]
    [InlineData("I can't register, the sign up form gives an error", "registration_problems")]
    [InlineData("how do I switch to another account", "switch_account")]
    public async Task Account_question_gets_the_faq_answer(string customer, string topic)
    {
        var harness = AgentHarness.Create();
        var faq = await harness.Kernel.InvokeAsync("policies", "account_faq", new() { ["topic"] = topic });
        var expected = faq.GetValue<object>()!.ToString()!;
        var chat = harness.Start("c1001");
        var reply = await chat.SayAsync(customer);
        reply.Says(expected[..Math.Min(60, expected.Length)]);
        Assert.Contains(topic, (await chat.StateAsync()).RecentIntents);
    }

    [Fact]
    public async Task Delete_account_warns_and_offers_a_person()
    {
        var chat = AgentHarness.Create().Start("c1001");
        (await chat.SayAsync("please delete my account")).Says("for good").Offers("Talk to a person");
    }
}
