package org.dlab.engine.xmile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dlab.engine.ir.Expr;
import org.dlab.engine.model.Names;
import org.dlab.engine.xmile.XmileSymbols.Dim;
import org.dlab.engine.xmile.XmileSymbols.Var;

/**
 * An apply-to-all equation that reads other elements of its own variable behind conditions on
 * the element ({@code IF Ages = 1 THEN ... ELSE SELF[Run, 1] * ...}, FRIDA's survival table) is
 * written element by element: each dimension name used as a value becomes the element's
 * position and conditions that are then constant choose their branch, so an element depends
 * only on the elements its own branch reads, not on itself.
 */
final class ElementExpansion {
    /** Elements written one by one at most: each becomes an equation of its own. */
    static final long MAX_ELEMENTS = 100_000;

    private ElementExpansion() {}

    /** True when {@code e} reads {@code owner} (by name or SELF) with subscripts written out. */
    static boolean readsOwnElements(Expr e, Var owner, XmileSymbols sym) {
        if (e instanceof Expr.Ref r) {
            if (r.subs().isEmpty()) return false;
            String k = Names.key(r.name());
            if (k.equals("self")) return true;
            Var v = sym.var(owner.prefix + r.name());
            return v == owner;
        }
        if (e instanceof Expr.Binary b) return readsOwnElements(b.left(), owner, sym) || readsOwnElements(b.right(), owner, sym);
        if (e instanceof Expr.Unary u) return readsOwnElements(u.operand(), owner, sym);
        if (e instanceof Expr.Call c) {
            if (c.function().equals(XmileExprParser.COMPUTED) && c.args().get(0) instanceof Expr.Ref head) {
                String k = Names.key(head.name());
                if (k.equals("self") || sym.var(owner.prefix + head.name()) == owner) return true;
            }
            for (Expr a : c.args()) if (readsOwnElements(a, owner, sym)) return true;
        }
        return false;
    }

    /** {@code e} for one element: dimension names as values become positions, constant conditions are decided. */
    static Expr forElement(Expr e, Map<String, Integer> positions, XmileSymbols sym, Var owner) {
        if (e instanceof Expr.Ref r) {
            Integer k = r.subs().isEmpty() && sym.var(owner.prefix + r.name()) == null ? positions.get(Names.key(r.name())) : null;
            return k != null ? new Expr.Num(r.pos(), k) : r;
        }
        if (e instanceof Expr.Unary u) {
            Expr x = forElement(u.operand(), positions, sym, owner);
            if (x instanceof Expr.Num n) {
                if (u.op() == Expr.UnOp.NEG) return new Expr.Num(u.pos(), -n.value());
                if (u.op() == Expr.UnOp.NOT) return new Expr.Num(u.pos(), n.value() == 0 ? 1 : 0);
            }
            return new Expr.Unary(u.pos(), u.op(), x);
        }
        if (e instanceof Expr.Binary b) {
            Expr l = forElement(b.left(), positions, sym, owner);
            Expr r = forElement(b.right(), positions, sym, owner);
            if (l instanceof Expr.Num x && r instanceof Expr.Num y) {
                Double v = compare(b.op(), x.value(), y.value());
                if (v != null) return new Expr.Num(b.pos(), v);
            }
            // a decided operand of AND / OR may decide the whole
            if (b.op() == Expr.BinOp.AND && (isNum(l, 0) || isNum(r, 0))) return new Expr.Num(b.pos(), 0);
            if (b.op() == Expr.BinOp.OR && (isNonZero(l) || isNonZero(r))) return new Expr.Num(b.pos(), 1);
            return new Expr.Binary(b.pos(), b.op(), l, r);
        }
        if (e instanceof Expr.Call c) {
            List<Expr> args = new ArrayList<>();
            for (Expr a : c.args()) args.add(forElement(a, positions, sym, owner));
            if (c.function().equals("IF THEN ELSE") && args.size() == 3 && args.get(0) instanceof Expr.Num n) {
                return n.value() != 0 ? args.get(1) : args.get(2);
            }
            return new Expr.Call(c.pos(), c.function(), args);
        }
        return e;
    }

    private static boolean isNum(Expr e, double v) {
        return e instanceof Expr.Num n && n.value() == v;
    }

    private static boolean isNonZero(Expr e) {
        return e instanceof Expr.Num n && n.value() != 0;
    }

    /** Comparisons, logic, + and - fold here (as BinOp computes them everywhere); * / ^ stay for the engine. */
    private static Double compare(Expr.BinOp op, double x, double y) {
        return switch (op) {
            case MUL, DIV, POW -> null;
            default -> op.apply(x, y);
        };
    }

    /** Positions (1-based) of one element tuple, keyed by dimension. */
    static Map<String, Integer> positions(List<Dim> dims, List<String> tuple) {
        Map<String, Integer> out = new java.util.HashMap<>();
        for (int i = 0; i < dims.size(); i++) out.put(dims.get(i).key(), dims.get(i).elements().indexOf(tuple.get(i)) + 1);
        return out;
    }
}
