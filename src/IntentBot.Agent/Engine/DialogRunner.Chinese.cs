using System.Text.RegularExpressions;

namespace IntentBot.Agent.Engine;

/// <summary>
/// A message in Chinese. The model reads English, so the request is told by its words: order tracking, returns,
/// codes, products (a person is asked for by <see cref="Cues.WantsPerson"/> before this). The dialog then answers
/// with its Chinese texts ("translations: { zh: ... }").
/// </summary>
internal sealed partial class DialogRunner
{
    private async Task AnswerChineseAsync(Turn t, CancellationToken ct)
    {
        var intent = Cues.AsksForCodes(t.Text) ? PromoCode
            : ReturnZh().IsMatch(t.Text) ? "get_refund"
            : TrackZh().IsMatch(t.Text) ? TrackOrder
            : ProductZh().IsMatch(t.Text) ? ProductInquiry
            : null;
        if (intent is not null && catalog.Find(intent) is { } dialog)
        {
            t.Nlu = Cues.Read(t.Nlu, intent);
            RecordIntent(t);
            await StartAsync(t, dialog, ct);
            return;
        }
        RecordIntent(t);
        Say(t, EngineTexts.Zh.Clarify, EngineTexts.MainMenu);
    }

    [GeneratedRegex(@"订单|物流|快递|包裹|发货|到哪|送达|配送|查询")]
    private static partial Regex TrackZh();

    [GeneratedRegex(@"退货|退款|退回|退换|退钱")]
    private static partial Regex ReturnZh();

    [GeneratedRegex(@"商品|产品|有没有|多少钱|价格|推荐|尺码|颜色|材质|库存|耳机|鞋|外套|咖啡")]
    private static partial Regex ProductZh();
}
