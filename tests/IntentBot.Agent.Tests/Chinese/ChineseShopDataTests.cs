using IntentBot.Agent.Tests.Infrastructure;
using static IntentBot.Agent.Tests.Infrastructure.Scripted;

namespace IntentBot.Agent.Tests.Chinese;

/// <summary>
/// Chinese answers that carry the shop's data say it in Chinese from its fields: opening hours, delivery options,
/// destinations, categories, invoices. The shop's own sentences are English and must not show through. Scripted
/// readings, so the answers are tested whatever a model makes of the words.
/// </summary>
public sealed class ChineseShopDataTests
{
    private static async Task<Reply> AskAsync(string text, string intent, string user = "guest-zh")
    {
        var chat = AgentHarness.Create(classifier: NewScript().Reads(text, Reading.Of(intent, 0.95))).Start(user);
        return await chat.SayAsync(text);
    }

    [Fact]
    public async Task Opening_hours_are_said_in_Chinese()
    {
        (await AskAsync("你们几点开门", "opening_hours"))
            .Says("周一至周五 8:00-20:00，周六 9:00-16:00（欧洲中部时间）", "每天 8:00-22:00").DoesNotSay("Mon-Fri", "Every day").SaysNoEnglishSentence();
    }

    [Fact]
    public async Task Contact_details_give_the_hours_in_Chinese()
    {
        (await AskAsync("客服电话是多少", "contact_customer_service"))
            .Says("+49 30 1234 5678", "周一至周五", "周六").DoesNotSay("Mon-Fri", "(CET)").SaysNoEnglishSentence();
    }

    [Fact]
    public async Task Delivery_options_list_every_option_in_Chinese()
    {
        (await AskAsync("运费多少", "delivery_options"))
            .Says("标准配送 €4.95（满 €50.00 免运费），2–3 个工作日送达", "加急配送（次日达）€12.95").DoesNotSay("Standard", "Express", "business day")
            .SaysNoEnglishSentence();
    }

    [Fact]
    public async Task A_Chinese_destination_gets_that_regions_options()
    {
        (await AskAsync("送到上海要几天", "delivery_period"))
            .Says("寄往中国", "国际标准配送 €19.95", "5–10 个工作日").DoesNotSay("International", "Delivery to").SaysNoEnglishSentence();
        (await AskAsync("寄到奥地利运费多少", "delivery_options")).Says("寄往奥地利", "欧盟标准配送 €9.95（满 €100.00 免运费）").SaysNoEnglishSentence();
    }

    [Fact]
    public async Task A_category_is_named_in_Chinese()
    {
        (await AskAsync("鞋子有优惠吗", "promo_code")).Says("“鞋类”目前").DoesNotSay("shoes").SaysNoEnglishSentence();
        (await AskAsync("厨房用品有优惠吗", "promo_code")).Says("“家居厨房”").SaysNoEnglishSentence();
    }

    [Fact]
    public async Task An_invoice_gives_its_amount_as_money()
    {
        var chat = AgentHarness.Create(classifier: NewScript().Reads("我要发票", Reading.Of("get_invoice", 0.95))
            .Reads("W100003", Reading.Of("get_invoice", 0.6))).Start("c1001");
        await chat.SayAsync("我要发票");
        (await chat.SayAsync("W100003")).Says("金额 €149.00").DoesNotSay("EUR").SaysNoEnglishSentence();
    }

    [Fact]
    public async Task An_order_with_no_invoice_yet_is_explained_in_Chinese()
    {
        // W100006 (c1002's) waits for a bank transfer: the shop's reason is English.
        var chat = AgentHarness.Create(classifier: NewScript().Reads("我要发票", Reading.Of("get_invoice", 0.95))
            .Reads("W100006", Reading.Of("get_invoice", 0.6))).Start("c1002");
        await chat.SayAsync("我要发票");
        (await chat.SayAsync("W100006")).Says("还没有发票", "等待付款").DoesNotSay("no invoice").SaysNoEnglishSentence();
    }

    [Fact]
    public async Task A_damaged_item_is_returned_in_Chinese_from_start_to_end()
    {
        var nlu = NewScript().Reads("东西坏了", Reading.Of("damaged_or_wrong_item", 0.95)).Reads("W100003", Reading.Of("damaged_or_wrong_item", 0.6))
            .Reads("屏幕碎了", Reading.Of("damaged_or_wrong_item", 0.6)).Reads("好的", Reading.Of("thanks", 0.5));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        (await chat.SayAsync("东西坏了")).SaysNoEnglishSentence();
        (await chat.SayAsync("W100003")).Says("商品损坏").SaysNoEnglishSentence();
        (await chat.SayAsync("屏幕碎了")).Says("免费退货").SaysNoEnglishSentence();
        (await chat.SayAsync("好的")).Says("已为订单 W100003 办理退货").SaysNoEnglishSentence();
    }

    [Fact]
    public async Task The_cancellation_policy_is_asked_for_in_Chinese_words()
    {
        var nlu = NewScript().Reads("取消订单要收费吗", Reading.Of("check_cancellation_fee", 0.95)).Reads("取消政策", Reading.Of("check_cancellation_fee", 0.6));
        var chat = AgentHarness.Create(classifier: nlu).Start("c1001");
        (await chat.SayAsync("取消订单要收费吗")).Says("回复“取消政策”").DoesNotSay("general");
        (await chat.SayAsync("取消政策")).Says("发货前的订单可以取消").SaysNoEnglishSentence();
    }

    [Fact]
    public async Task What_a_discount_code_gives_is_said_in_Chinese_from_its_fields()
    {
        (await AskAsync("优惠码 TECH50 能用吗", "promo_code", "c1001"))
            .Says("优惠 €50.00，适用于电子产品，订单满 €500.00 可用").DoesNotSay("off electronics").SaysNoEnglishSentence();
        (await AskAsync("优惠码 SUMMER20 能用吗", "promo_code", "c1001")).Says("优惠 20%，适用于服装、鞋类").SaysNoEnglishSentence();
    }

    [Fact]
    public async Task A_Chinese_question_about_a_code_is_answered_in_Chinese_with_Chinese_buttons()
    {
        // The code's Latin letters outnumber the Chinese characters; the message is still Chinese.
        (await AskAsync("WELCOME10 可以用吗", "promo_code", "c1001"))
            .Says("仅限首次下单使用").Offers("有哪些优惠码可用？", "转人工客服").DoesNotSay("first order").SaysNoEnglishSentence();
    }

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

    [Fact]
    public async Task Free_return_shipping_is_said_as_free()
    {
        (await AskAsync("你们的退款政策是什么", "check_refund_policy")).Says("退货免运费", "5 个工作日内退款").DoesNotSay("€0").SaysNoEnglishSentence();
    }

    [Fact]
    public async Task Payment_methods_are_listed_in_Chinese_from_their_ids()
    {
        (await AskAsync("你们支持哪些付款方式", "check_payment_methods"))
            .Says("信用卡/借记卡、PayPal、Klarna 先买后付、Apple Pay、Google Pay、银行转账（预付）").SaysNoEnglishSentence();
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

    // Each Chinese button with an order after it: delivered (W100003, c1001's), shipped (W100001), waiting for a bank
    // transfer (W100006, c1002's), and a guest's (who is asked to prove it).
    public static TheoryData<string, string, string> ChineseButtonPhrases()
    {
        var dialogs = AgentHarness.Create(classifier: NewScript()).Dialogs;
        var data = new TheoryData<string, string, string>();
        foreach (var phrase in dialogs.ByIntent.Values.Concat(dialogs.Inactive.Values).Select(d => d.ExampleTranslations!["zh"]).Order())
            foreach (var (user, order) in new[] { ("c1001", "W100003"), ("c1001", "W100001"), ("c1002", "W100006"), ("guest-zh", "W100003") })
                data.Add(phrase, user, order);
        return data;
    }

    [Theory]
    [MemberData(nameof(ChineseButtonPhrases))]
    public async Task Every_dialog_answers_its_Chinese_button_and_an_order_number_without_an_English_sentence(string phrase, string user, string order)
    {
        // A button's phrase reaches its dialog whatever the reading.
        var nlu = NewScript().Reads(phrase, Reading.OffTopic()).Reads(order, Reading.Of("track_order", Defaults.ClarifyBelow - Margin));
        var chat = AgentHarness.Create(classifier: nlu).Start(user);
        (await chat.SayAsync(phrase)).SaysNoEnglishSentence();
        (await chat.SayAsync(order)).SaysNoEnglishSentence();
    }

    [Theory]
    [InlineData("你们的营业时间是几点", "周一至周五")]
    [InlineData("你们有哪些配送方式", "标准配送")]
    [InlineData("你们支持哪些付款方式", "银行转账（预付）")]
    [InlineData("怎么联系客服", "客服工作时间为 周一至周五")]
    public async Task The_shipped_model_answers_clear_Chinese_questions_in_Chinese(string question, string said)
    {
        var chat = AgentHarness.Create().Start("guest-zh");
        (await chat.SayAsync(question)).Says(said).SaysNoEnglishSentence();
    }
}
