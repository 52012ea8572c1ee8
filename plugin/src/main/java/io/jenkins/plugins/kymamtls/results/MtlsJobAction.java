package io.jenkins.plugins.kymamtls.results;

import hudson.Extension;
import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import jenkins.model.TransientActionFactory;

/**
 * The job page's view of the route: the health the latest build's {@code kymaMtlsStatus} reported
 * (HEALTHY / EXPIRING / BROKEN, days left of the soonest certificate) and the trend of days left
 * across builds, drawn as an SVG the page itself holds (no script library).
 */
public final class MtlsJobAction implements Action {

    /** How many builds the trend looks back at. */
    static final int TREND_BUILDS = 30;

    /** One point of the trend. */
    public record Point(int build, long daysLeft) {
        public int getBuild() {
            return build;
        }

        public long getDaysLeft() {
            return daysLeft;
        }
    }

    private final Section latest;
    private final List<Point> trend;

    MtlsJobAction(Section latest, List<Point> trend) {
        this.latest = latest;
        this.trend = List.copyOf(trend);
    }

    /** From the job's completed builds, newest first, as far back as {@link #TREND_BUILDS}. */
    static MtlsJobAction of(Run<?, ?> newest) {
        // Jenkins asks on every page that lists the job: a job whose latest build ran no status step
        // costs one build's actions, and only such a job's older builds are read.
        MtlsRunAction newestAction = newest == null ? null : newest.getAction(MtlsRunAction.class);
        if (newestAction == null || newestAction.getStatus() == null) {
            return null;
        }
        Section latest = null;
        List<Point> trend = new ArrayList<>();
        int seen = 0;
        for (Run<?, ?> run = newest; run != null && seen < TREND_BUILDS; run = run.getPreviousBuild(), seen++) {
            MtlsRunAction action = run.getAction(MtlsRunAction.class);
            Section status = action == null ? null : action.getStatus();
            if (status == null) {
                continue;
            }
            if (latest == null) {
                latest = status;
            }
            if (status.getExpiresInDays() != null) {
                trend.add(new Point(run.getNumber(), status.getExpiresInDays()));
            }
        }
        Collections.reverse(trend);
        return latest == null ? null : new MtlsJobAction(latest, trend);
    }

    public Section getLatest() {
        return latest;
    }

    public String getHealth() {
        return latest.getHealth();
    }

    public Long getExpiresInDays() {
        return latest.getExpiresInDays();
    }

    public List<Point> getTrend() {
        return trend;
    }

    /** The trend as an SVG polyline's points in a 300 × 100 box: builds left to right, days up. */
    public String getTrendPoints() {
        long most = Math.max(1, trend.stream().mapToLong(Point::daysLeft).max().orElse(1));
        List<String> points = new ArrayList<>();
        for (int i = 0; i < trend.size(); i++) {
            long x = trend.size() == 1 ? 150 : Math.round(i * 300.0 / (trend.size() - 1));
            long y = 100 - Math.round(Math.max(0, trend.get(i).daysLeft()) * 100.0 / most);
            points.add(x + "," + y);
        }
        return String.join(" ", points);
    }

    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return Messages.MtlsJobAction_DisplayName();
    }

    @Override
    public String getUrlName() {
        return null;
    }

    /** Adds the action to every job whose latest completed build ran kymaMtlsStatus. */
    @Extension
    @SuppressWarnings("rawtypes")
    public static final class Factory extends TransientActionFactory<Job> {

        @Override
        public Class<Job> type() {
            return Job.class;
        }

        @Override
        public Collection<? extends Action> createFor(Job job) {
            MtlsJobAction action = of(job.getLastCompletedBuild());
            return action == null ? List.of() : List.of(action);
        }
    }
}
