using IntentBot.Agent.Dialogs;
using IntentBot.Agent.Slots;
using IntentBot.Nlu.Classification;

namespace IntentBot.Agent.Engine;

/// <summary>
/// A conversation in Chinese. The model reads Chinese shopping questions, so a Chinese message takes the same way
/// as an English one (clarify, out of scope, small talk, forms); the words below only settle a message the model
/// is unsure of. Answers use the dialogs' Chinese texts ("translations: { zh: ... }"), the engine's own sentences
/// (<see cref="EngineTexts.Zh"/>) and Chinese button labels.
/// </summary>
internal sealed partial class DialogRunner
{
    /// <summary>The model's reading of a Chinese message, or where it is unsure and a request's words are clear, the
    /// intent those words name.</summary>
    private ClassificationResult ReadChineseWords(ClassificationResult nlu, string text)
    {
        if (ChineseButton(text) is { } pressed) return Cues.Read(nlu, pressed.Intent);
        var unsure = nlu.OutOfScope || nlu.Intent.Confidence < options.ClarifyBelow
            || (Cues.IsSmallTalk(nlu.Intent.Label) && !Cues.ConfirmsSmallTalk(nlu.Intent.Label, text));
        var named = ChineseRequests.FirstOrDefault(r => r.Words.Any(text.Contains) && catalog.Find(r.Intent) is not null).Intent;
        if (named is null) return nlu;
        if (unsure) return Cues.Read(nlu, named);
        var overruled = Unmistakable.Any(u => u.Family.Contains(named) && !u.Family.Contains(nlu.Intent.Label) && !u.Unless.Any(text.Contains));
        return overruled ? Cues.Read(nlu, named) : nlu;
    }

    /// <summary>
    /// Requests whose words name them so plainly that the model's confident other reading is the mistake: the model
    /// has seen few Chinese invoice questions and reads "我要开发票" as delivery_period (0.88). Not when the message
    /// also speaks of a return, an exchange or a cancellation ("没有发票能退吗" is about returning).
    /// </summary>
    private static readonly (string[] Family, string[] Unless)[] Unmistakable =
        [(["get_invoice", "check_invoice"], ["退", "换", "取消"]), ([TrackRefund], [])];

    // The most specific first: "取消订单" is a cancellation although it names an order, "退货运费" a return.
    private static readonly (string[] Words, string Intent)[] ChineseRequests =
    [
        (["人工", "真人", "客服人员", "转接"], HumanIntent),
        (["优惠", "折扣", "优惠码", "优惠券", "代金券"], PromoCode),
        (["取消"], "cancel_order"),
        (["坏了", "破损", "损坏", "发错", "错发", "少发"], DamagedOrWrong),
        (["换货", "换一", "换个", "换成"], ExchangeItem),
        (["退款到哪", "退款进度", "退款状态", "退款什么时候", "退款还没", "没收到退款", "钱什么时候退", "钱还没退", "退款到账"], TrackRefund),
        (["退货", "退款", "退钱", "退回", "退换"], "get_refund"),
        (["发票"], "get_invoice"),
        (["营业时间", "几点", "开门", "关门", "上班时间", "客服时间"], OpeningHours),
        (["运费", "邮费", "配送费", "包邮", "快递费"], "delivery_options"),
        (["多久", "几天", "什么时候到", "多长时间"], "delivery_period"),
        (["付款方式", "支付方式", "怎么付", "支付宝", "微信支付", "信用卡"], "check_payment_methods"),
        (["订单", "物流", "快递", "包裹", "发货", "到哪", "送达", "查询"], TrackOrder),
        (["有货", "库存", "现货", "缺货", "补货", "颜色", "色的", "尺码"], "stock_availability"),
        (["多少钱", "价格", "价钱"], "price_inquiry"),
        (["推荐", "礼物", "送人"], Recommendation),
        (["商品", "产品", "材质", "耳机", "鞋", "外套", "咖啡"], ProductInquiry),
    ];

    /// <summary>
    /// A Chinese shopper's answer that is written in Latin letters whatever language they speak: a street, a city, a
    /// name, a product name at the form's question for it ("Lindenstraße 5, 04109 Leipzig"). The conversation stays in
    /// Chinese unless the answer is an English sentence.
    /// </summary>
    private bool AnswersInLatinScript(Turn t)
    {
        if (t.Active is not { } active || Language.LooksEnglish(t.Text) || catalog.Find(active) is not { } dialog) return false;
        return AskedSlot(t, dialog) is { } slot && (SlotValidators.AddressParts.Contains(slot.Type) || slot.Type is SlotValidators.Text or SlotValidators.Product);
    }

    /// <summary>
    /// The dialog whose Chinese button sent this message. A button sends a phrase the model should read as its
    /// dialog, but the model reads some Chinese phrasings poorly ("我想注册一个账户"), and a button must always work.
    /// </summary>
    private DialogDefinition? ChineseButton(string text)
    {
        var said = text.Trim();
        return catalog.ByIntent.Values.Concat(catalog.Inactive.Values)
            .FirstOrDefault(d => d.ExampleTranslations?.GetValueOrDefault(Language.Chinese) == said);
    }
}
