using IntentBot.Agent.Tests.Infrastructure;
using static IntentBot.Agent.Tests.Infrastructure.Scripted;
using static IntentBot.Agent.Tests.Chinese.ChineseChat;

namespace IntentBot.Agent.Tests.Chinese;

/// <summary>Orders, cards, account help and a new address in Chinese: the facts an order has, sizes and colours,
/// the kind of product, the site's menu with its own labels, a country named in Chinese.</summary>
public sealed class ChineseOrdersAndCardsTests
{
    [Fact]
    public async Task A_Chinese_order_card_gives_sizes_and_colours_in_Chinese()
    {
        var texts = CardTexts(await AskAsync("订单W100002到哪了", "track_order", "c1001"));
        Assert.Contains("1 × Stride Cloudrunner 3 Running Shoes（42 码，蓝色）", texts);
        Assert.Contains("1 × Shieldo Clear Case for iPhone 15（透明）", texts);
    }

    [Fact]
    public async Task A_Chinese_product_card_names_its_kind_in_Chinese_instead_of_the_English_description()
    {
        var reply = await AskAsync("我想买跑鞋", "product_inquiry");
        Assert.Contains("跑鞋", CardTexts(reply));
        Assert.All(reply.Cards, c => Assert.DoesNotContain("isSubtle", c.GetRawText(), StringComparison.Ordinal));
    }

    // Every string in the reply's cards (their raw JSON escapes Chinese).
    private static List<string> CardTexts(Reply reply)
    {
        var texts = new List<string>();
        void Walk(System.Text.Json.JsonElement e)
        {
            if (e.ValueKind == System.Text.Json.JsonValueKind.String) texts.Add(e.GetString()!);
            else if (e.ValueKind == System.Text.Json.JsonValueKind.Object) foreach (var p in e.EnumerateObject()) Walk(p.Value);
            else if (e.ValueKind == System.Text.Json.JsonValueKind.Array) foreach (var i in e.EnumerateArray()) Walk(i);
        }
        foreach (var card in reply.Cards) Walk(card);
        return texts;
    }

    [Theory]
    [InlineData("订单号W100002")]
    [InlineData("我的订单号是：W100002。")]
    public async Task A_bare_Chinese_order_number_is_tracked_whatever_the_model_reads(string text)
    {
        // The model has little to read in a bare number; as in English, the number alone means "where is it".
        (await AskAsync(text, "greeting", "c1001")).Says("正在处理，预计").SaysNoEnglishSentence();
    }

    [Theory]
    [InlineData("W100002", "正在处理，预计")]
    [InlineData("W100005", "的状态：已取消。")]
    [InlineData("W100003", "签收，承运商：DHL")]
    public async Task An_orders_status_names_only_the_facts_it_has(string order, string said)
    {
        var text = $"订单{order}到哪了";
        (await AskAsync(text, "track_order", "c1001")).Says(said).DoesNotSay("承运商：，", "运单号：。", "预计送达：。");
    }

    [Theory]
    [InlineData("我想注册一个账户", "create_account", "“创建账户”（Create account）")]
    [InlineData("请注销我的账户", "delete_account", "“账户”→“隐私”（Account > Privacy）")]
    [InlineData("我想修改账户信息", "edit_account", "“个人资料”（Account > Personal details）")]
    [InlineData("我忘记密码了", "recover_password", "“忘记密码？”（Forgot password?）")]
    [InlineData("怎么切换到另一个账户", "switch_account", "“退出登录”（Account > Sign out）")]
    [InlineData("我想设置收货地址", "set_up_shipping_address", "“地址”（Account > Addresses）")]
    public async Task Account_help_names_the_shops_menu_in_Chinese_with_its_own_label(string text, string intent, string menu)
    {
        // The site's menu labels are English: each is named in Chinese, with the label to look for beside it.
        (await AskAsync(text, intent, "c1001")).Says(menu).DoesNotSay("“My account”", "“Sign in”").SaysNoEnglishSentence();
    }

    [Fact]
    public async Task A_new_address_is_asked_for_in_Chinese_and_its_country_may_be_named_in_Chinese()
    {
        var form = Reading.Of("change_shipping_address", 0.6);
        var nlu = NewScript().Reads("我需要修改收货地址", Reading.Of("change_shipping_address", 0.95)).Reads("W100002", form)
            .Reads("Hauptstrasse 5", form).Reads("10115 Berlin", form).Reads("德国", form);
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        await chat.SayAsync("我需要修改收货地址");
        (await chat.SayAsync("W100002")).Says("Lindenstr. 5, 04109 Leipzig。").SaysNoEnglishSentence();
        await chat.SayAsync("Hauptstrasse 5");
        await chat.SayAsync("10115 Berlin");
        (await chat.SayAsync("德国")).Says("收件人").SaysNoEnglishSentence();
    }
}
