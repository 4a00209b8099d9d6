package vae.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import vae.core.spi.VariantProvider;

/** The variants found on the module path, by name. */
final class VariantRegistry {
    private final Map<String, VariantProvider> byName = new LinkedHashMap<>();

    private VariantRegistry(List<VariantProvider> providers) {
        for (VariantProvider p : providers) {
            VariantProvider clash = byName.putIfAbsent(p.name(), p);
            if (clash != null) {
                throw new UserError("two variants are named '" + p.name() + "': " + origin(clash) + " and "
                        + origin(p) + "; remove one of them from the module path");
            }
        }
    }

    /** Every provider {@link ServiceLoader} finds, sorted by name. */
    static VariantRegistry load() {
        List<VariantProvider> providers = new ArrayList<>();
        ServiceLoader.load(VariantProvider.class).forEach(providers::add);
        providers.sort(Comparator.comparing(VariantProvider::name));
        return new VariantRegistry(providers);
    }

    List<VariantProvider> all() {
        return List.copyOf(byName.values());
    }

    /** The provider named {@code name}, or a user error listing the known names. */
    VariantProvider get(String name) {
        VariantProvider p = byName.get(name);
        if (p == null) {
            throw new UserError("unknown variant '" + name + "'; known variants: "
                    + (byName.isEmpty() ? "none (is vae-models on the module path?)" : String.join(", ", byName.keySet())));
        }
        return p;
    }

    /** Where a provider comes from: its module, or its jar on the class path. */
    static String origin(Object provider) {
        Module m = provider.getClass().getModule();
        if (m.isNamed()) {
            return "module " + m.getName();
        }
        var source = provider.getClass().getProtectionDomain().getCodeSource();
        return source == null ? provider.getClass().getName() : source.getLocation().toString();
    }
}
