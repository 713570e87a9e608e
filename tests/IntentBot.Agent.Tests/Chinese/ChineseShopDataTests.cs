using IntentBot.Agent.Tests.Infrastructure;
using static IntentBot.Agent.Tests.Infrastructure.Scripted;
using static IntentBot.Agent.Tests.Chinese.ChineseChat;

namespace IntentBot.Agent.Tests.Chinese;

/// <summary>
/// Chinese answers that carry the shop's data say it in Chinese from its fields: opening hours, delivery options,
/// destinations, categories, invoices. The shop's own sentences are English and must not show through. Scripted
/// readings, so the answers are tested whatever a model makes of the words.
/// </summary>
public sealed class ChineseShopDataTests
{
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
}
