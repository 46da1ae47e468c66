package io.warden.governance.matrix;

import io.warden.governance.ValidationException;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * Where the likelihood x impact score (1..25) crosses from one level into the next. A score below
 * {@code medium} is LOW, below {@code high} MEDIUM, below {@code critical} HIGH, the rest CRITICAL.
 *
 * <p>The defaults ({@link #DEFAULTS}: 5, 10, 20) are the usual 5x5 matrix: 1-4 LOW (at most
 * "unlikely and minor" or "rare and major"), 5-9 MEDIUM, 10-16 HIGH, 20-25 CRITICAL (likely or
 * almost certain and severe). They are configurable in {@code warden.yaml}.
 *
 * @param medium   the lowest MEDIUM score
 * @param high     the lowest HIGH score
 * @param critical the lowest CRITICAL score
 */
public record RiskBands(int medium, int high, int critical) {

    /** medium 5, high 10, critical 20. */
    public static final RiskBands DEFAULTS = new RiskBands(5, 10, 20);

    /** Refuses bands that are not strictly increasing within 2..25. */
    public RiskBands {
        if (medium < 2 || medium >= high || high >= critical || critical > 25) {
            throw new ValidationException("bands", "bands are medium " + medium + ", high " + high + ", critical "
                    + critical + "; they must rise strictly within 2..25 (2 <= medium < high < critical <= 25),"
                    + " for example medium 5, high 10, critical 20");
        }
    }

    /** The level of one score. */
    public RiskLevel levelOf(int score) {
        if (score < Risk.MIN || score > Risk.MAX * Risk.MAX) {
            throw new ValidationException("score", "score is " + score + "; it must be from 1 to 25");
        }
        if (score >= critical) {
            return RiskLevel.CRITICAL;
        }
        if (score >= high) {
            return RiskLevel.HIGH;
        }
        return score >= medium ? RiskLevel.MEDIUM : RiskLevel.LOW;
    }

    /** The level of one risk. */
    public RiskLevel levelOf(Risk risk) {
        return levelOf(risk.score());
    }

    /** The risk that sets the overall level: the highest score, the first listed on a tie. */
    public Optional<Risk> highest(Collection<Risk> risks) {
        return risks.stream().max(Comparator.comparingInt(Risk::score)); // maxBy keeps the first on a tie
    }

    /** The overall level: the highest risk's, LOW when no risk is listed. */
    public RiskLevel overall(Collection<Risk> risks) {
        return highest(risks).map(this::levelOf).orElse(RiskLevel.LOW);
    }
}
