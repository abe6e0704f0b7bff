package io.qjmkit.zkfc.election;

import io.qjmkit.zkfc.target.NameNodeRef;
import java.util.Optional;

/**
 * The breadcrumb as read, with the znode version a later conditional write must match.
 *
 * @param owner the NameNode it names; empty when there is no breadcrumb
 * @param version the znode's data version, or {@link #ABSENT} when it does not exist
 */
public record BreadcrumbRead(Optional<NameNodeRef> owner, int version) {
    public static final int ABSENT = -1;

    public static BreadcrumbRead absent() {
        return new BreadcrumbRead(Optional.empty(), ABSENT);
    }
}
