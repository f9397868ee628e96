namespace ActorLab.Plugins.Language.Tasks;

/// <summary>An exact fraction p/q in lowest terms (q &gt; 0), so the countdown verifier compares values exactly.</summary>
internal readonly record struct Rational
{
    public Rational(long numerator, long denominator)
    {
        if (denominator == 0)
        {
            throw new DivideByZeroException();
        }

        var g = Gcd(Math.Abs(numerator), Math.Abs(denominator));
        var sign = denominator < 0 ? -1 : 1;
        (Numerator, Denominator) = (sign * numerator / g, sign * denominator / g);
    }

    public long Numerator { get; }

    public long Denominator { get; }

    public static Rational operator +(Rational a, Rational b) => new(checked(a.Numerator * b.Denominator + b.Numerator * a.Denominator), checked(a.Denominator * b.Denominator));

    public static Rational operator -(Rational a, Rational b) => new(checked(a.Numerator * b.Denominator - b.Numerator * a.Denominator), checked(a.Denominator * b.Denominator));

    public static Rational operator *(Rational a, Rational b) => new(checked(a.Numerator * b.Numerator), checked(a.Denominator * b.Denominator));

    public static Rational operator /(Rational a, Rational b) => new(checked(a.Numerator * b.Denominator), checked(a.Denominator * b.Numerator));

    private static long Gcd(long a, long b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a == 0 ? 1 : a;
    }
}
