using System.Globalization;
using LoCoPi.Grains.Interfaces.Touches;

namespace LoCoPi.Web.Readers;

/// <summary>The sentence the reader shows the resident after a touch, Japanese first.</summary>
public static class TouchMessages
{
    public static string For(TouchResult result, bool english)
    {
        ArgumentNullException.ThrowIfNull(result);
        var points = result.PointsAwarded.ToString(CultureInfo.InvariantCulture);
        return (result.Outcome, english) switch
        {
            (TouchOutcomes.Visit, false) => $"ようこそ！{points}ポイント獲得しました。",
            (TouchOutcomes.Visit, true) => $"Welcome! You earned {points} points.",
            (TouchOutcomes.RepeatVisit, false) => "本日はすでにポイントを獲得済みです。またのご来館をお待ちしています。",
            (TouchOutcomes.RepeatVisit, true) => "You already earned points here today. See you again!",
            (TouchOutcomes.Boarded, false) => $"ご乗車ありがとうございます。{points}ポイント獲得しました。",
            (TouchOutcomes.Boarded, true) => $"Thank you for riding. You earned {points} points.",
            (TouchOutcomes.Alighted, false) => "ご利用ありがとうございました。",
            (TouchOutcomes.Alighted, true) => "Thank you for riding with us.",
            (TouchOutcomes.CheckedIn, false) => "受付しました。",
            (TouchOutcomes.CheckedIn, true) => "You are checked in.",
            (TouchOutcomes.CheckedOut, false) => "退出を記録しました。お気をつけて。",
            (TouchOutcomes.CheckedOut, true) => "You are checked out. Take care.",
            (_, false) => "記録しました。",
            (_, true) => "Recorded.",
        };
    }
}
