package io.parley.command.contact;

import java.util.Collection;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;

/** The block list in PostgreSQL ({@code user_block}); joins the surrounding Spring transaction. */
public final class JdbcBlockList implements BlockList {

    private final JdbcClient jdbc;

    public JdbcBlockList(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    @Override
    public boolean blockedEitherWay(String userA, String userB) {
        return jdbc.sql("""
                        select exists (select 1 from user_block
                                       where (blocker_id = ? and blocked_id = ?) or (blocker_id = ? and blocked_id = ?))
                        """)
                .params(userA, userB, userB, userA)
                .query(Boolean.class)
                .single();
    }

    @Override
    public boolean blockedEitherWayWithAny(String user, Collection<String> others) {
        if (others.isEmpty()) {
            return false;
        }
        return jdbc.sql("""
                        select exists (select 1 from user_block
                                       where (blocker_id = :user and blocked_id in (:others))
                                          or (blocked_id = :user and blocker_id in (:others)))
                        """)
                .param("user", user)
                .param("others", others)
                .query(Boolean.class)
                .single();
    }

    @Override
    public void block(String blockerId, String blockedId) {
        jdbc.sql("insert into user_block (blocker_id, blocked_id) values (?, ?) on conflict do nothing")
                .params(blockerId, blockedId)
                .update();
    }

    @Override
    public void unblock(String blockerId, String blockedId) {
        jdbc.sql("delete from user_block where blocker_id = ? and blocked_id = ?")
                .params(blockerId, blockedId)
                .update();
    }
}
