package org.dlab.workbench.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class CartTest {
    @Test
    void recoversThePlantedBox() {
        PlantedBox data = new PlantedBox(5000, 42);
        Cart.Tree tree = Cart.grow(data.x, data.y, Cart.Options.defaults());
        List<Cart.LeafBox> pos = tree.positiveLeaves();
        Cart.LeafBox top = pos.get(0);
        System.out.printf("CART: %d leaves, %d positive; top cov %.3f dens %.3f %s%n", tree.leaves().size(), pos.size(), top.coverage(),
                top.density(), top.box());
        assertThat(top.coverage()).isGreaterThanOrEqualTo(0.9);
        assertThat(top.density()).isGreaterThanOrEqualTo(0.9);
        Box b = top.box();
        assertThat(b.lower(PlantedBox.A)).isCloseTo(PlantedBox.A_LO, within(0.05));
        assertThat(b.upper(PlantedBox.A)).isCloseTo(PlantedBox.A_HI, within(0.05));
        assertThat(b.lower(PlantedBox.B)).isCloseTo(PlantedBox.B_LO, within(0.05));
        assertThat(b.upper(PlantedBox.B)).isCloseTo(PlantedBox.B_HI, within(0.05));
        assertThat(b.restrictedInputs()).containsExactlyInAnyOrder(PlantedBox.A, PlantedBox.B);
        // the tree and its boxes agree on every row
        int agree = 0;
        double[] p = new double[PlantedBox.DIMS];
        for (int i = 0; i < data.x.rows(); i++) {
            final int row = i;
            for (int d = 0; d < p.length; d++) p[d] = data.x.value(i, d);
            boolean inPositiveLeaf = pos.stream().anyMatch(l -> l.box().contains(data.x, row));
            if (tree.predict(p) == inPositiveLeaf) agree++;
        }
        assertThat(agree).isEqualTo(data.x.rows());
    }

    @Test
    void respectsDepthAndLeafLimits() {
        PlantedBox data = new PlantedBox(2000, 5);
        Cart.Tree tree = Cart.grow(data.x, data.y, new Cart.Options(1, 50, 100));
        assertThat(tree.root()).isInstanceOf(Cart.Split.class);
        Cart.Split s = (Cart.Split) tree.root();
        assertThat(s.left()).isInstanceOf(Cart.Leaf.class);
        assertThat(s.right()).isInstanceOf(Cart.Leaf.class);
        assertThat(s.left().count()).isGreaterThanOrEqualTo(50);
        assertThat(s.right().count()).isGreaterThanOrEqualTo(50);
        assertThat(s.input()).isIn(PlantedBox.A, PlantedBox.B);
    }
}
