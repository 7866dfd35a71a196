"""Reference values for every method in :mod:`evidence.stats`, found independently.

Two kinds of reference:

* published figures, checked to the decimals they were published with: the
  output printed in the vignette "Introduction to PHEindicatormethods" (Georgina
  Anderson, 2018-04-26, file ``inst/doc/IntroductiontoPHEindicatormethods.html``
  of github.com/PublicHealthEngland/PHEindicatormethods), which runs
  ``phe_proportion``, ``phe_rate`` and ``phe_mean`` on a small table whose inputs
  it prints; Newcombe's worked examples of the Wilson interval; and the classical
  table of exact Poisson limits;
* hand calculations inside these tests, written differently from the package
  (textbook forms of the formulas, plain Python loops, root-finding on the
  Poisson and binomial score equations, ``scipy.stats.t.interval``), checked to
  1e-9 relative.

No published worked example of a DSR with its inputs was found (the DSR test data
of PHEindicatormethods is an Excel file of outputs); the DSR is checked against a
hand calculation of Dobson's formula and against an identity of the method.
"""

from __future__ import annotations

import math
import statistics

import numpy as np
import pandas as pd
import pytest
from scipy import optimize
from scipy.stats import norm, poisson
from scipy.stats import t as student_t

from evidence.stats import dsr, mean, proportion, rate

RTOL = 1e-9

# The vignette's table: area and year, then obs and pop as printed beside every result.
VIGNETTE = pd.DataFrame(
    {
        "area": ["Area1", "Area2", "Area3", "Area4"] * 2,
        "year": [2015] * 4 + [2016] * 4,
        "obs": [68, 86, 18, 29, 99, 74, 8, 94],
        "pop": [174, 189, 179, 107, 102, 102, 155, 114],
    }
)


def assert_printed(actual, printed) -> None:
    """Each number equals its printed text to the printed number of decimals."""
    for got, text in zip(np.asarray(actual, dtype=float), printed, strict=True):
        decimals = len(text.split(".")[1]) if "." in text else 0
        assert abs(got - float(text)) <= 0.5 * 10.0**-decimals + 1e-12, (got, text)


# ---------------------------------------------------------------- proportions


@pytest.mark.parametrize(
    ("level", "multiplier", "lower", "upper"),
    [
        # phe_proportion(df, obs, pop)
        (0.95, 1,
         ["0.32141284", "0.38563304", "0.06455836", "0.19583556", "0.91706943", "0.63189437", "0.02638210", "0.74449994"],
         ["0.46491370", "0.52621164", "0.15334331", "0.36209159", "0.98994755", "0.80271793", "0.09853151", "0.88346241"]),
        # phe_proportion(df, obs, pop, confidence=99.8)
        (0.998, 1,
         ["0.28504658", "0.34795803", "0.05014823", "0.16118061", "0.86653064", "0.57419464", "0.01832319", "0.69079867"],
         ["0.5079248", "0.5664210", "0.1914304", "0.4183973", "0.9940736", "0.8381782", "0.1369464", "0.9081514"]),
        # phe_proportion(df, obs, pop, percentage=TRUE)
        (0.95, 100,
         ["32.141284", "38.563304", "6.455836", "19.583556", "91.706943", "63.189437", "2.638210", "74.449994"],
         ["46.491370", "52.621164", "15.334331", "36.209159", "98.994755", "80.271793", "9.853151", "88.346241"]),
        # phe_proportion(df, obs, pop, confidence=99.8, percentage=TRUE, type="full")
        (0.998, 100,
         ["28.504658", "34.795803", "5.014823", "16.118061", "86.653064", "57.419464", "1.832319", "69.079867"],
         ["50.79248", "56.64210", "19.14304", "41.83973", "99.40736", "83.81782", "13.69464", "90.81514"]),
    ],
)
def test_proportion_matches_the_published_phe_vignette(level, multiplier, lower, upper):
    result = proportion(VIGNETTE["obs"], VIGNETTE["pop"], multiplier=multiplier, level=level)
    assert_printed(result["lower"], lower)
    assert_printed(result["upper"], upper)
    np.testing.assert_allclose(result["value"], VIGNETTE["obs"] / VIGNETTE["pop"] * multiplier, rtol=RTOL)


def test_proportion_matches_newcombes_worked_examples():
    # Newcombe RG. Two-sided confidence intervals for the single proportion: comparison
    # of seven methods. Stat Med 1998;17:857-872, Table II, method 3 (score method
    # without continuity correction), 4 decimals; 81/263 is also the worked example of
    # Newcombe & Altman in Statistics with Confidence (2nd edn, 2000), the reference of
    # the PHE technical guide for this method.
    result = proportion([81, 15, 0, 1], [263, 148, 20, 29], multiplier=1)
    assert_printed(result["lower"], ["0.2553", "0.0624", "0.0000", "0.0061"])
    assert_printed(result["upper"], ["0.3662", "0.1605", "0.1611", "0.1718"])


def _wilson_textbook(x: float, n: float, level: float) -> tuple[float, float]:
    """Wilson (1927) in its textbook form: (p + z²/2n ± z sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n)."""
    z = norm.isf((1 - level) / 2)
    p = x / n
    centre = p + z * z / (2 * n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (centre - half) / (1 + z * z / n), (centre + half) / (1 + z * z / n)


def _wilson_by_root_finding(x: float, n: float, level: float) -> tuple[float, float]:
    """The proportions pi where the score test |p - pi| / sqrt(pi(1-pi)/n) equals z."""
    z = norm.isf((1 - level) / 2)
    p = x / n

    def score(pi):
        return (p - pi) ** 2 - z * z * pi * (1 - pi) / n

    # The score is positive at 0 and 1 and negative between its roots, which lie either
    # side of p; when p is 0 or 1 it is itself a root, so bracket just inside it.
    lower = 0.0 if x == 0 else optimize.brentq(score, 0.0, min(p, 1 - 1e-13), xtol=1e-16, rtol=1e-15)
    upper = 1.0 if x == n else optimize.brentq(score, max(p, 1e-13), 1.0, xtol=1e-16, rtol=1e-15)
    return lower, upper


CASES = [(0, 1), (0, 50), (1, 2), (3, 7), (50, 50), (81, 263), (1045, 5000), (0.445, 1), (12_345, 6_543_210)]


@pytest.mark.parametrize("level", [0.95, 0.998, 0.8])
@pytest.mark.parametrize("reference", [_wilson_textbook, _wilson_by_root_finding])
def test_proportion_matches_hand_calculations(reference, level):
    x, n = map(np.array, zip(*CASES))
    result = proportion(x, n, multiplier=1, level=level)
    expected = np.array([reference(a, b, level) for a, b in CASES])
    np.testing.assert_allclose(result["lower"], expected[:, 0], rtol=RTOL, atol=1e-15)
    np.testing.assert_allclose(result["upper"], expected[:, 1], rtol=RTOL, atol=1e-15)


# ---------------------------------------------------------------------- rates


@pytest.mark.parametrize(
    ("level", "multiplier", "lower", "upper"),
    [
        # phe_rate(df, obs, pop)
        (0.95, 100000,
         ["30346.142", "36395.152", "5956.701", "18147.416", "78882.763", "56964.372", "2228.279", "66631.239"],
         ["49544.53", "56196.03", "15893.43", "38925.56", "118166.76", "91079.88", "10169.80", "100906.46"]),
        # phe_rate(df, obs, pop, type="full", confidence=99.8, multiplier=100)
        (0.998, 100,
         ["26.042038", "31.822578", "4.259916", "14.132552", "69.665053", "49.230487", "1.271493", "58.634753"],
         ["56.07105", "62.81142", "19.77478", "46.57906", "131.16634", "102.60273", "13.64916", "112.28780"]),
    ],
)
def test_rate_matches_the_published_phe_vignette(level, multiplier, lower, upper):
    result = rate(VIGNETTE["obs"], VIGNETTE["pop"], multiplier=multiplier, level=level)
    assert_printed(result["lower"], lower)
    assert_printed(result["upper"], upper)
    # The vignette's method column: "Byars" for every row but 8 events ("Exact").
    assert result["method"].tolist() == ["byar"] * 6 + ["exact_poisson", "byar"]


def test_rate_matches_the_table_of_exact_poisson_limits():
    # Exact 95% limits for an observed Poisson count of 0 to 9, as tabulated since
    # Garwood F. Fiducial limits for the Poisson distribution. Biometrika 1936;28:437-442,
    # transcribed to the 3 decimals (4 for 0.0253) of the usual tables.
    result = rate(np.arange(10), 1, multiplier=1)
    assert_printed(result["lower"], ["0", "0.0253", "0.242", "0.619", "1.090", "1.623", "2.202", "2.814", "3.454", "4.115"])
    assert_printed(result["upper"], ["3.689", "5.572", "7.225", "8.767", "10.242", "11.668", "13.059", "14.423", "15.763", "17.085"])


def _exact_poisson_by_root_finding(x: int, level: float) -> tuple[float, float]:
    """Means mu with P(X >= x | mu) = a/2 (lower) and P(X <= x | mu) = a/2 (upper)."""
    tail = (1 - level) / 2
    lower = 0.0 if x == 0 else optimize.brentq(lambda mu: poisson.sf(x - 1, mu) - tail, 1e-12, x, xtol=1e-14, rtol=1e-15)
    upper = optimize.brentq(lambda mu: poisson.cdf(x, mu) - tail, x, 10 * x + 100, xtol=1e-14, rtol=1e-15)
    return lower, upper


@pytest.mark.parametrize("level", [0.95, 0.998, 0.9])
def test_rate_exact_limits_match_poisson_root_finding(level):
    counts = np.arange(10)
    population = 2500.0
    result = rate(counts, population, multiplier=1000, level=level)
    expected = np.array([_exact_poisson_by_root_finding(int(x), level) for x in counts]) / population * 1000
    np.testing.assert_allclose(result["lower"], expected[:, 0], rtol=RTOL, atol=1e-15)
    np.testing.assert_allclose(result["upper"], expected[:, 1], rtol=RTOL)
    assert (result["method"] == "exact_poisson").all()


@pytest.mark.parametrize("level", [0.95, 0.998])
def test_rate_byar_limits_match_the_formula(level):
    # Breslow & Day (1987), as given in the PHE technical guide, appendix 1:
    # lower = O (1 - 1/(9O) - z/(3 sqrt(O)))^3, upper = (O+1) (1 - 1/(9(O+1)) + z/(3 sqrt(O+1)))^3.
    z = statistics.NormalDist().inv_cdf(1 - (1 - level) / 2)
    counts = [10, 11, 65, 100, 1045, 123_456, 10.5]
    people = [1000, 50, 100_000, 3e6, 12_345, 9e7, 400]
    result = rate(counts, people, level=level)
    for row, (o, n) in enumerate(zip(counts, people)):
        low = o * math.pow(1 - 1 / (9 * o) - z / (3 * math.sqrt(o)), 3)
        high = (o + 1) * math.pow(1 - 1 / (9 * (o + 1)) + z / (3 * math.sqrt(o + 1)), 3)
        assert result["lower"].iloc[row] == pytest.approx(low / n * 100000, rel=RTOL)
        assert result["upper"].iloc[row] == pytest.approx(high / n * 100000, rel=RTOL)
        assert result["value"].iloc[row] == pytest.approx(o / n * 100000, rel=RTOL)
    assert (result["method"] == "byar").all()


# ----------------------------------------------------------------------- DSRs

ESP2013 = [5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000, 7000, 6500, 6000, 5500, 5000, 4000, 2500, 1500, 1000]
# The test population and deaths of the early PHEindicatormethods sources (R/SMR.R).
TESTPOP = [84935, 80367, 72122, 79259, 99806, 87362, 81579, 71103, 70001, 69007, 63203, 52638, 46087, 40887, 32604, 28399, 21625, 13021, 7355]
TESTOBS = [27, 45, 55, 100, 125, 300, 295, 270, 275, 450, 455, 459, 345, 300, 270, 265, 100, 90, 35]


def _dobson_by_hand(deaths, people, standard, level, multiplier=100000):
    """Dobson et al. (1991) with Byar's limits for the total, one band at a time."""
    z = statistics.NormalDist().inv_cdf(1 - (1 - level) / 2)
    weight_total = sum(standard)
    rate_sum = 0.0
    variance_sum = 0.0
    for d, n, w in zip(deaths, people, standard):
        rate_sum += d / n * w
        variance_sum += d * (w / n) ** 2
    value = rate_sum / weight_total
    variance = variance_sum / weight_total**2
    total = sum(deaths)
    byar_low = total * (1 - 1 / (9 * total) - z / (3 * math.sqrt(total))) ** 3
    byar_high = (total + 1) * (1 - 1 / (9 * (total + 1)) + z / (3 * math.sqrt(total + 1))) ** 3
    spread = math.sqrt(variance / total)
    return (
        value * multiplier,
        (value + spread * (byar_low - total)) * multiplier,
        (value + spread * (byar_high - total)) * multiplier,
    )


def test_esp2013_is_the_published_standard():
    from evidence.stats._dsr import esp2013

    assert esp2013().tolist() == ESP2013
    assert sum(ESP2013) == 100_000


@pytest.mark.parametrize("level", [0.95, 0.998])
def test_dsr_matches_a_hand_calculation_with_the_default_standard(level):
    data = pd.DataFrame({"deaths": TESTOBS, "people": TESTPOP})
    result = dsr(data, "deaths", "people", level=level)
    expected = _dobson_by_hand(TESTOBS, TESTPOP, ESP2013, level)
    np.testing.assert_allclose(result.loc[0, ["value", "lower", "upper"]].to_numpy(dtype=float), expected, rtol=RTOL)


def test_dsr_matches_a_hand_calculation_for_each_group():
    rng = np.random.default_rng(20240501)
    rows = []
    for area in ["E06000001", "E06000002", "E06000003"]:
        for sex in ["Female", "Male"]:
            deaths = rng.integers(0, 40, 19)
            people = rng.integers(500, 9000, 19)
            rows.append(pd.DataFrame({"area": area, "sex": sex, "band": range(19), "deaths": deaths, "people": people}))
    data = pd.concat(rows, ignore_index=True).sample(frac=1, random_state=3).sort_values(["area", "sex", "band"])
    result = dsr(data, "deaths", "people", by=["area", "sex"], multiplier=1000)
    for (area, sex), group in data.groupby(["area", "sex"]):
        expected = _dobson_by_hand(group["deaths"].tolist(), group["people"].tolist(), ESP2013, 0.95, 1000)
        np.testing.assert_allclose(result.loc[(area, sex)].to_numpy(dtype=float), expected, rtol=RTOL)


def test_dsr_with_the_population_as_standard_is_the_crude_rate_with_byar_limits():
    # With weights proportional to the population (w_i = c n_i), Dobson's limits reduce to
    # Byar's limits of the crude rate: DSR = O/N, sqrt(var/O) = 1/N. An identity of the method.
    data = pd.DataFrame({"deaths": TESTOBS, "people": TESTPOP})
    standardised = dsr(data, "deaths", "people", standard="people")
    crude = rate(sum(TESTOBS), sum(TESTPOP))
    np.testing.assert_allclose(standardised.to_numpy(), crude[["value", "lower", "upper"]].to_numpy(), rtol=RTOL)


# ---------------------------------------------------------------------- means


def test_mean_matches_the_published_phe_vignette():
    # phe_mean(df, obs): all eight rows.
    assert_printed(mean(VIGNETTE["obs"]).loc[0], ["59.5", "29.45637", "89.54363"])
    # df %>% group_by(year) %>% phe_mean(obs, type="full", confidence=0.998), printed to 3
    # significant figures: value, lowercl, uppercl.
    by_year = mean(VIGNETTE[["year", "obs"]], by="year", level=0.998)
    assert_printed(by_year.loc[2015], ["50.2", "-114", "214"])
    assert_printed(by_year.loc[2016], ["68.8", "-145", "283"])


@pytest.mark.parametrize("level", [0.95, 0.998, 0.5])
def test_mean_matches_scipy_t_interval(level):
    samples = [[30, 40, 50, 60], [1.5, -2.25, 7.0], [1e6 + 1, 1e6 + 2, 1e6 + 4, 1e6 + 8, 1e6 + 16]]
    frame = pd.concat(
        [pd.DataFrame({"group": g, "x": values}) for g, values in enumerate(samples)], ignore_index=True
    )
    from_values = mean(frame, by="group", level=level)
    summaries = [(statistics.fmean(s), statistics.stdev(s), len(s)) for s in samples]
    from_summaries = mean(mean=[m for m, _, _ in summaries], sd=[s for _, s, _ in summaries], n=[k for _, _, k in summaries], level=level)
    for g, values in enumerate(samples):
        centre, spread, size = summaries[g]
        low, high = student_t.interval(level, size - 1, loc=centre, scale=spread / math.sqrt(size))
        for result in (from_values.loc[g], from_summaries.loc[g]):
            assert result["value"] == pytest.approx(centre, rel=RTOL)
            assert result["lower"] == pytest.approx(low, rel=RTOL)
            assert result["upper"] == pytest.approx(high, rel=RTOL)
