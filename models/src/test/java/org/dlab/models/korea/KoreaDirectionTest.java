package org.dlab.models.korea;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.dlab.engine.run.SimResult;
import org.dlab.workbench.study.Study;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Direction tests: one per mechanism of issue 4 and the model README ("Mechanisms and the essay",
 * sectors 1-7). Each moves one constant down and up from its default (to the ends of its study.yaml
 * range, or a lever over 0-1) and asserts the sign of the change of the variable the mechanism acts
 * on, at a stated time. The expected signs come from the essay's causal claims and the literature
 * the README cites, not from runs of the model; where the model deliberately leaves a sign open
 * (backlash, war length) the test pins the sign for each side of the assumption.
 */
class KoreaDirectionTest {
    static final int UP = 1;
    static final int DOWN = -1;

    static StudyFile study;

    @BeforeAll
    static void readStudy() {
        study = StudyFile.read(Korea.dir().resolve("study.yaml"));
    }

    /** The study range of an uncertainty, or 0-1 for a lever intensity. */
    static double[] range(String constant) {
        for (StudyFile.Uncertainty u : study.uncertainties) if (u.name().equals(constant)) return new double[] {u.low(), u.high()};
        for (Study.Lever l : study.levers) if (l.name().equals(constant)) return new double[] {l.low(), l.high()};
        throw new IllegalArgumentException("'" + constant + "' is neither an uncertainty nor a lever of study.yaml");
    }

    static void direction(String constant, String variable, double time, int sign) {
        direction(Map.of(), constant, variable, time, sign);
    }

    static void direction(Map<String, Double> context, String constant, String variable, double time, int sign) {
        double[] r = range(constant);
        direction(context, constant, r[0], r[1], variable, time, sign);
    }

    /**
     * Runs the context with {@code constant} at its default, at {@code down} and at {@code up}, and
     * asserts that {@code variable} at {@code time} moves with sign {@code sign} when the constant
     * goes up and the opposite way when it goes down.
     */
    static void direction(Map<String, Double> context, String constant, double down, double up, String variable, double time, int sign) {
        SimResult base = Korea.run(context);
        double def = base.valueAt(constant, base.time(0));
        assertThat(down).as("%s: down below the default", constant).isLessThan(def);
        assertThat(up).as("%s: up above the default", constant).isGreaterThan(def);
        double v0 = Korea.at(base, variable, time);
        double vDown = Korea.at(Korea.run(context, Map.of(constant, down)), variable, time);
        double vUp = Korea.at(Korea.run(context, Map.of(constant, up)), variable, time);
        System.out.printf("[korea] direction: %s %g|%g|%g -> %s @%s: %+.4g | %.6g | %+.4g%n",
                constant, down, def, up, variable, time, vDown - v0, v0, vUp - v0);
        // a change below rounding level is no change: the mechanism must actually act
        double tol = 1e-9 * Math.abs(v0) + 1e-15;
        assertThat(sign * (vUp - v0)).as("%s up -> %s @%s", constant, variable, time).isGreaterThan(tol);
        assertThat(sign * (vDown - v0)).as("%s down -> %s @%s", constant, variable, time).isLessThan(-tol);
    }

    static Map<String, Double> with(String name, double value) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(name, value);
        return m;
    }

    // ---- Sector 1: Russia-DPRK partnership ----------------------------------------------------

    /** Essay: troops 'wade into the Ukrainian conflict'; a longer war keeps them deployed longer. */
    @Test
    void longerWarDeploysMoreTroops() {
        direction("War end year", "Cumulative troops deployed", 2035, UP);
    }

    /** 'Treating its soldiers as expendable assets': more casualties per troop-year, more casualties. */
    @Test
    void higherCasualtyFractionRaisesCasualties() {
        direction("Casualty fraction", "Cumulative casualties", 2030, UP);
    }

    /** Shorter tours send more soldiers home with the lessons (rotation). */
    @Test
    void fasterRotationReturnsMoreVeterans() {
        direction("Rotation period", "Cumulative troops returned", 2030, DOWN);
    }

    /** The June 2024 treaty's depth drives shells (and troops, payments, technology). */
    @Test
    void deeperWartimePartnershipShipsMoreShells() {
        direction("Wartime partnership target", "Cumulative shells supplied", 2030, UP);
    }

    /** After the war the partnership settles at its postwar level. */
    @Test
    void deeperPostwarPartnershipKeepsBacking() {
        direction("Postwar partnership level", "Russian backing", 2040, UP);
    }

    /** Essay: pressure and sanctions 'limit the benefits Russia and North Korea derive from this partnership'. */
    @Test
    void pressureWeakensPartnershipWhenItWorks() {
        direction(with("Net pressure effect on partnership", 0.4), "Diplomatic pressure intensity", "Partnership depth", 2026, DOWN);
    }

    /** Backlash (negative net effect): pressure pushes the isolated states together. */
    @Test
    void pressureDeepensPartnershipUnderBacklash() {
        direction(with("Net pressure effect on partnership", -0.2), "Diplomatic pressure intensity", "Partnership depth", 2026, UP);
    }

    /** Issue 4: DPRK spending 'relaxed by Russian payments'. */
    @Test
    void russianPaymentsRaiseDprkSpending() {
        direction("Russian payment per soldier", "Defense spending[DPRK]", 2027, UP);
    }

    /** Essay: 'increased scrutiny of North Korean trade networks, could stymie the resources'. */
    @Test
    void tradeScrutinyInterceptsPayments() {
        direction("Trade scrutiny intensity", "Cumulative payments received", 2030, DOWN);
    }

    /** Essay: 'possibly even technologies': Russian know-how raises the DPRK technology level. */
    @Test
    void russianTechnologyTransferRaisesDprkTechnology() {
        direction("Max Russian technology transfer", "DPRK technology level", 2030, UP);
    }

    /** Essay: 'Sanctions targeting Russia's ability to trade in military technology'. */
    @Test
    void techSanctionsCutTechnologyTransfer() {
        direction("Tech sanctions intensity", "Russian technology transfer", 2026, DOWN);
    }

    /** Issue 4: more sanctions -> lower DPRK technology (less transfer and less own R&D). */
    @Test
    void techSanctionsLowerDprkTechnology() {
        direction("Tech sanctions intensity", "DPRK technology level", 2030, DOWN);
    }

    // ---- Sector 2: DPRK capability -------------------------------------------------------------

    /** Issue 4: 'more combat experience -> higher DPRK capability' (troop-months build experience). */
    @Test
    void moreTroopsInCombatBuildExperience() {
        direction("Troop commitment", "Combat experience", 2027, UP);
    }

    /** Issue 4: more combat experience -> higher DPRK capability (via the experience multiplier). */
    @Test
    void combatExperienceRaisesDprkCapability() {
        direction("Maximum experience multiplier", "DPRK capability index", 2030, UP);
    }

    /** The same through the amount of experience: more troops in combat, more capability. */
    @Test
    void moreTroopsInCombatRaiseDprkCapability() {
        direction("Troop commitment", "DPRK capability index", 2030, UP);
    }

    /** Experience decays as veterans leave: a longer half-life keeps more of it. */
    @Test
    void slowerExperienceDecayKeepsExperience() {
        direction("Experience half life", "Combat experience", 2035, UP);
    }

    /** Essay: lessons are 'absorbed' into doctrine with a lag: a longer lag, less absorbed early on. */
    @Test
    void doctrineLagDelaysAbsorption() {
        direction("Doctrine adaptation time", "Absorbed experience", 2026, DOWN);
    }

    /** Technology ages relative to the frontier: faster obsolescence erodes the transferred edge. */
    @Test
    void fasterObsolescenceErodesTechnologyGain() {
        direction("Technology obsolescence rate", "DPRK technology level", 2035, DOWN);
    }

    /**
     * Sanctions drag on own R&D. The drag acts on sanctions above today's level (wait-and-see is the
     * calibration state), so the context is full tech sanctions from 2025.
     */
    @Test
    void sanctionsDragOwnResearch() {
        direction(with("Tech sanctions intensity", 1.0), "Sanctions RD drag", "DPRK technology level", 2035, DOWN);
    }

    /** Wright's law: a lower progress ratio (faster learning) buys more capital from export orders. */
    @Test
    void productionLearningBuildsDprkCapital() {
        direction("Progress ratio", "Military capital[DPRK]", 2030, DOWN);
    }

    /** Force strength driven by spending: more of Russia's money into the forces, more capital. */
    @Test
    void moreSpendingBuildsDprkForce() {
        direction("Military share of payments", "Military capital[DPRK]", 2030, UP);
    }

    /** Essay: 'cyber defense ... would complicate Pyongyang's calculus'. */
    @Test
    void cyberDefenseLowersDprkEffectiveCapability() {
        direction("Cyber defense intensity", "DPRK capability index", 2030, DOWN);
    }

    // ---- Sector 3: allied response and perceived resolve --------------------------------------

    /** Essay: 'Each step back the West takes has enabled countries like North Korea to step forward'. */
    @Test
    void inactionLowersPerceivedResolve() {
        direction("Inaction penalty", "Perceived allied resolve", 2030, DOWN);
    }

    /** A higher bar for a 'real answer' makes today's response look more like inaction. */
    @Test
    void higherResponseNormLowersPerceivedResolve() {
        direction("Response norm", "Perceived allied resolve", 2030, DOWN);
    }

    /** Issue 4: 'stronger pact -> higher credibility' (after the perception delay). */
    @Test
    void strongerPactRaisesCredibility() {
        direction("Trilateral pact intensity", "Extended deterrence credibility", 2030, UP);
    }

    /** Essay: 'strong security guarantees for South Korea'. */
    @Test
    void strongerGuaranteesRaiseCredibility() {
        direction("Security guarantees intensity", "Extended deterrence credibility", 2030, UP);
    }

    /**
     * Perception is a delayed reading (Jervis): a slower reading lags a stepped-up guarantee. The
     * inaction penalty is off in this context so the signal is a clean step up in 2025 (with it, the
     * signal first dips in 2024 and then rises, and a slower reading smooths both).
     */
    @Test
    void slowerPerceptionDelaysResolveGain() {
        Map<String, Double> stepUp = with("Security guarantees intensity", 1.0);
        stepUp.put("Inaction penalty", 0.0);
        direction(stepUp, "Resolve perception time", "Perceived allied resolve", 2026.5, DOWN);
    }

    // ---- Sector 4: deterrence ------------------------------------------------------------------

    /** Alliances honoured more often (Leeds et al.) make the US commitment more credible. */
    @Test
    void reliableAlliancesRaiseCredibility() {
        direction("Alliance reliability", "Extended deterrence credibility", 2030, UP);
    }

    /** Essay: 'providing South Korea with the military resources it needs'. */
    @Test
    void militaryAidRaisesDeterrence() {
        direction("Military aid to ROK intensity", "Relative deterrence", 2035, UP);
    }

    /** Essay: exercises 'would strengthen deterrence' (readiness and trilateral integration). */
    @Test
    void jointExercisesRaiseAlliedCapability() {
        direction("Joint exercises intensity", "Allied capability", 2030, UP);
    }

    /** Essay: a 'trilateral security pact ... a formidable check': Japan counts with integration. */
    @Test
    void trilateralIntegrationAddsJapanContribution() {
        direction("Trilateral pact intensity", "Japan contribution", 2030, UP);
    }

    /** Essay: North Korea 'feels emboldened by its partnership with Russia'. */
    @Test
    void russianBackingErodesDeterrence() {
        direction("Russian backing weight", "Relative deterrence", 2027, DOWN);
    }

    /** Essay: eroding deterrence 'might embolden Pyongyang to increase its aggression'. */
    @Test
    void erodingDeterrenceEmboldensDprk() {
        direction("Russian backing weight", "DPRK boldness", 2027, UP);
    }

    // ---- Sector 5: arms race -------------------------------------------------------------------

    /** Essay: 'South Korea and its allies will likely increase their spending' as the DPRK threat grows. */
    @Test
    void higherDprkThreatRaisesRokSpending() {
        direction("Max Russian technology transfer", "Defense spending[ROK]", 2030, UP);
    }

    /** Essay: 'Both Japan and South Korea may feel compelled to enhance their military capabilities'. */
    @Test
    void higherDprkThreatRaisesJapanSpending() {
        direction("Max Russian technology transfer", "Defense spending[JPN]", 2030, UP);
    }

    /** Richardson k: a stronger reaction to the (growing) DPRK threat, more ROK spending. */
    @Test
    void strongerRokReactionRaisesRokSpending() {
        direction("ROK reaction to DPRK", "Defense spending[ROK]", 2030, UP);
    }

    /** Essay: 'countering emerging threats from North Korea and China'. */
    @Test
    void chinaBuildupRaisesRokSpending() {
        direction("China spending growth", "Defense spending[ROK]", 2035, UP);
    }

    /** Richardson a (fatigue): spending above the reference path is pulled back. */
    @Test
    void fatiguePullsRokSpendingBack() {
        direction("ROK fatigue", "Defense spending[ROK]", 2035, DOWN);
    }

    /** Economic limit: a lower sustainable burden leaves less room for a build-up. */
    @Test
    void economicLimitDampsRokBuildup() {
        direction("Maximum sustainable burden[ROK]", "Defense spending[ROK]", 2035, UP);
    }

    /** Essay: an arms race 'would not only strain economies'. */
    @Test
    void armsRaceStrainsRokEconomy() {
        direction("ROK reaction to DPRK", "Economic strain[ROK]", 2035, UP);
    }

    /** Arms race loop R1: allied spending raises DPRK spending (Richardson k of the DPRK). */
    @Test
    void alliedBuildupRaisesDprkSpending() {
        direction(with("Military aid to ROK intensity", 1.0), "DPRK reaction coefficient", "Defense spending[DPRK]", 2030, UP);
    }

    /** Issue 4: DPRK spending 'limited by sanctions' (GDP cut with a lag). */
    @Test
    void sanctionsCutDprkEconomy() {
        direction("Tech sanctions intensity", "GDP[DPRK]", 2030, DOWN);
    }

    /** The same through spending: more sanctions, less DPRK defence spending. */
    @Test
    void sanctionsCutDprkSpending() {
        direction("Trade scrutiny intensity", "Defense spending[DPRK]", 2030, DOWN);
    }

    // ---- Sector 6: crisis and escalation -------------------------------------------------------

    /** The provocation rate scales with boldness, itself raised by eroded deterrence. */
    @Test
    void boldnessRaisesProvocations() {
        direction("Boldness elasticity", "Provocation rate", 2030, UP);
    }

    /** Tit-for-tat: tension above its reference feeds back into provocations. */
    @Test
    void tensionFeedsProvocations() {
        direction("Tension feedback", "Provocation rate", 2030, UP);
    }

    /** DPRK answers stepped-up exercises with provocations (a cost of acting). */
    @Test
    void exercisesRaiseTension() {
        direction(with("Joint exercises intensity", 1.0), "Exercise tension effect", "Tension", 2030, UP);
    }

    /** Essay: inadvertent clashes; issue 4: their hazard is lowered by intelligence sharing. */
    @Test
    void intelligenceSharingLowersInadvertentClashHazard() {
        direction("Intelligence sharing intensity", "Fatal clash hazard", 2030, DOWN);
    }

    /** Issue 4: ... and by monitoring of DPRK activity. */
    @Test
    void monitoringLowersInadvertentClashHazard() {
        direction("Monitoring intensity", "Fatal clash hazard", 2030, DOWN);
    }

    /** Clashes escalate to war with some probability: a higher one, more major-war risk. */
    @Test
    void clashEscalationRaisesWarRisk() {
        direction("Clash escalation probability", "Cumulative major war probability", 2050, UP);
    }

    /** Intriligator-Brito: deliberate attack rises steeply with boldness (boldness > 1 by 2030). */
    @Test
    void steeperDeterrenceFailureRaisesDeliberateAttackHazard() {
        direction("Deliberate attack steepness", "Deliberate attack hazard", 2030, UP);
    }

    /**
     * Fearon (1995), Powell (2006): a faster power shift raises the preventive/preemptive hazard.
     * The shift is made faster by a faster DPRK technology gain (since v2's lever ramps the balance
     * falls fastest in 2028-2030, when the hazard is above zero at the defaults, so both directions can show).
     */
    @Test
    void fasterPowerShiftRaisesPreemptionHazard() {
        direction("Max Russian technology transfer", "Power shift speed", 2029, UP);
        direction("Max Russian technology transfer", "Preventive strike hazard", 2029, UP);
    }

    /** The same through the tolerated speed: a shift tolerated less is a shift that alarms more. */
    @Test
    void lowerToleranceOfPowerShiftRaisesPreemptionHazard() {
        direction("Tolerated power shift", "Preventive strike hazard", 2029, DOWN);
    }

    // ---- Sector 7: the cost of acting ----------------------------------------------------------

    /** Issue 4: 'more Ukraine support -> higher Russia-West escalation risk' (while the war lasts). */
    @Test
    void ukraineSupportRaisesRussiaWestEscalation() {
        direction("Ukraine support intensity", "Russia West escalation hazard", 2026, UP);
    }

    /** Issue 4: escalation risk with Russia from pressure. */
    @Test
    void diplomaticPressureRaisesRussiaWestEscalation() {
        direction("Diplomatic pressure intensity", "Russia West escalation hazard", 2026, UP);
    }

    /** ... and from sanctions on Russia's military-technology trade. */
    @Test
    void techSanctionsRaiseRussiaWestEscalation() {
        direction("Tech sanctions intensity", "Russia West escalation hazard", 2026, UP);
    }

    /** A Korean war draws Russia in under the 2024 mutual-aid clause. */
    @Test
    void koreanWarRiskRaisesRussiaWestEscalation() {
        direction("Deliberate attack base hazard", "Russia West escalation hazard", 2030, UP);
    }

    /** Essay: 'Supporting Ukraine more robustly' may shorten the war (negative effect) ... */
    @Test
    void ukraineSupportShortensWarWhenItHelps() {
        direction(with("Support effect on war length", -2.0), "Ukraine support intensity", "Effective war end year", 2024, DOWN);
    }

    /** ... or prolong a war of attrition (positive effect): the sign is an assumption, both are tested. */
    @Test
    void ukraineSupportProlongsWarOfAttrition() {
        direction(with("Support effect on war length", 1.0), "Ukraine support intensity", "Effective war end year", 2024, UP);
    }

    /** Issue 4: budget costs of each lever: more of any lever, more cost (every lever checked). */
    @Test
    void everyLeverCostsMoreAtHigherIntensity() {
        for (Study.Lever l : study.intensityLevers()) direction(l.name(), "Total lever cost", 2030, UP);
    }

    /** Lever costs are order-of-magnitude judgements scaled together. */
    @Test
    void costMultiplierScalesLeverCost() {
        direction("Lever cost multiplier", "Cumulative lever cost", 2050, UP);
    }

    // ---- v2 (issue 12): counter-effects, structural alternatives, costs that bite -------------

    /** The package's levers, for contexts in which acting is the question. */
    static Map<String, Double> recalibrated() {
        return new LinkedHashMap<>(study.policies.get("recalibrated"));
    }

    /** Symmetric answer: resolve above the norm reads stronger, so a larger answer weight raises it there. */
    @Test
    void answerWeightRaisesResolveAboveTheNorm() {
        direction(recalibrated(), "Inaction penalty", "Perceived allied resolve", 2030, UP);
    }

    /** Jervis (1976): under the spiral model stepped-up allied pressure raises DPRK conflict propensity. */
    @Test
    void spiralWeightTurnsPressureIntoProvocation() {
        direction(recalibrated(), "Spiral weight", "Provocation rate", 2035, UP);
    }

    /** Over-reaction is read as hostile intent. */
    @Test
    void overreactionRaisesDprkInsecurity() {
        direction(recalibrated(), "Overreaction penalty", "DPRK insecurity", 2030, UP);
    }

    /** China counter-aligns under pressure (positive response) or joins it (negative). */
    @Test
    void chinaCounterAlignsUnderPressure() {
        direction(recalibrated(), "China response to pressure", "China alignment", 2030, UP);
    }

    /** China's alignment leaks sanctions: more leakage, more Russian technology gets through. */
    @Test
    void chinaLeakageWeakensSanctions() {
        direction(recalibrated(), "China sanctions leakage", "Russian technology transfer", 2027, UP);
    }

    /** Sanctions evasion adapts over time: a faster adaptation lets more technology through later. */
    @Test
    void sanctionsEvasionErodesTheirEffect() {
        direction(recalibrated(), "Sanctions evasion rate", "Russian technology transfer", 2028, UP);
    }

    /** Sanctioned buyers turn to sanctioned suppliers: tech sanctions raise Russia's payments to Pyongyang. */
    @Test
    void techSanctionsDivertRussianDemandToDprk() {
        direction(recalibrated(), "Sanctions diversion to DPRK", "Payments received by DPRK", 2026, UP);
    }

    /** Long & Green (2015): ISR that threatens the second strike raises pre-emption incentives (positive effect). */
    @Test
    void isrRaisesFirstStrikeIncentivesWhenItThreatensTheSecondStrike() {
        Map<String, Double> fast = recalibrated();
        fast.put("Tolerated power shift", 0.01);
        direction(fast, "ISR first strike effect", "Preventive strike hazard", 2029, UP);
    }

    /** DPRK counter-buildup: insecurity speeds warhead production. */
    @Test
    void insecurityDrivesNuclearCounterBuildup() {
        direction(recalibrated(), "Counter buildup sensitivity", "DPRK nuclear arsenal", 2035, UP);
    }

    /** Escalation ladder: nuclear use follows major war. */
    @Test
    void nuclearUseFollowsMajorWar() {
        direction("Nuclear use base probability", "Cumulative nuclear use probability", 2050, UP);
        direction("Clash to limited strike probability", "Cumulative limited strike probability", 2050, UP);
    }

    /** Russia-West escalation feeds back into Korea (second front). */
    @Test
    void russiaWestEscalationFeedsIntoKorea() {
        direction(recalibrated(), "Second front coupling", "Major war hazard", 2030, UP);
    }

    /** Levers ramp up: a slower ramp leaves a stepped-up lever lower a year after its start. */
    @Test
    void slowerRampDelaysLevers() {
        direction(recalibrated(), "Lever ramp scale", "Trilateral pact level", 2026, DOWN);
    }

    /** Political sustainability: a higher reversal hazard leaves less of the effort in place later. */
    @Test
    void reversalErodesSustainedEffort() {
        direction(recalibrated(), "Policy reversal hazard", "Security guarantees level", 2040, DOWN);
    }

    /** Costs that bite: the ROK's share of lever costs raises its burden and strain. */
    @Test
    void leverCostSharesRaiseRokAndJapanStrain() {
        direction(recalibrated(), "Allied cost share scale", "Economic strain[ROK]", 2030, UP);
        direction(recalibrated(), "Allied cost share scale", "Economic strain[JPN]", 2030, UP);
    }

    /** Military aid is counted where it is spent: part of it inside the ROK's own outlays. */
    @Test
    void militaryAidRaisesRokOutlays() {
        direction("Military aid to ROK intensity", "Cumulative defense spending[ROK]", 2035, UP);
    }

    /** Engagement restrains provocations when it works (positive effect). */
    @Test
    void engagementRestrainsProvocationsWhenItWorks() {
        direction(with("Engagement restraint effect", 0.4), "Engagement intensity", "Provocation rate", 2030, DOWN);
    }

    /** Credibility is a probability: it stays below 1 however strong the guarantees. */
    @Test
    void credibilityIsAProbability() {
        Map<String, Double> max = recalibrated();
        max.put("Security guarantees intensity", 1.0);
        max.put("Trilateral pact intensity", 1.0);
        max.put("Alliance reliability", 0.9);
        max.put("Credibility elasticity", 1.5);
        double[] p = Korea.series(Korea.run(max), "Extended deterrence credibility");
        for (double v : p) assertThat(v).isBetween(0.0, 1.0).isLessThan(1.0);
    }
}
