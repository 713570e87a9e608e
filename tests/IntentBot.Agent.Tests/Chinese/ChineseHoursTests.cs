using IntentBot.Agent.Desk;
using IntentBot.Agent.Engine;

namespace IntentBot.Agent.Tests.Chinese;

/// <summary>Hours lines and delivery option names written again in Chinese from their parts.</summary>
public sealed class ChineseHoursTests
{
    [Theory]
    [InlineData("Mon-Fri 8:00-20:00, Sat 9:00-16:00 (CET)", "周一至周五 8:00-20:00，周六 9:00-16:00（欧洲中部时间）")]
    [InlineData("Every day 8:00-22:00 (CET)", "每天 8:00-22:00（欧洲中部时间）")]
    [InlineData("Monday to Friday 9am-5:30pm", "周一至周五 9:00-17:30")]
    [InlineData("Sat and Sun: 10:00 to 14:00", "周六、周日 10:00-14:00")]
    public void An_hours_line_is_written_in_Chinese(string english, string chinese) =>
        Assert.Equal(chinese, ChineseHours.Translate(english));

    [Fact]
    public void An_hours_line_with_other_words_is_left_to_the_shop() =>
        Assert.Null(ChineseHours.Translate("Mon-Fri 8:00-20:00, except public holidays"));

    [Fact]
    public void The_desks_service_hours_are_described_in_Chinese()
    {
        var hours = new ServiceHours(new ServiceHoursOptions
        {
            Days = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Sunday],
            Opens = new TimeOnly(9, 0), Closes = new TimeOnly(17, 0), TimeZone = "Europe/Berlin",
        });
        Assert.Equal("周一至周五、周日 09:00–17:00（柏林时间）", hours.DescribeChinese());
    }

    [Theory]
    [InlineData("Standard", "标准配送")]
    [InlineData("Express (next business day)", "加急配送（次日达）")]
    [InlineData("EU Express", "欧盟加急配送")]
    [InlineData("International Standard", "国际标准配送")]
    [InlineData("GreenParcel Express", "GreenParcel Express")]
    public void A_delivery_option_is_named_in_Chinese_from_its_words(string english, string chinese) =>
        Assert.Equal(chinese, ChineseShipping.Name(english));

    [Theory]
    [InlineData("周一至周五 8:00-20:00，承运商 DHL，TECH50，W100003", null)]
    [InlineData("Delivery to Germany: Standard", "Delivery to Germany: Standard")]
    [InlineData("工作时间为 Mon-Fri 8:00-20:00, Sat 9:00-16:00 (CET)", "Mon-Fri 8:00-20:00, Sat 9:00-16:00 (CET")]
    [InlineData("请进入“个人资料”（Account > Personal details），地址在 Apple Pay、Google Pay", null)]
    public void The_check_finds_English_phrases_not_names_or_codes(string text, string? english) =>
        Assert.Equal(english, NoEnglish.EnglishRun(text));
}
